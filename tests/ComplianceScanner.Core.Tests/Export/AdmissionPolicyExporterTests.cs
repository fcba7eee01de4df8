using System.Text.Json.Nodes;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Export;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Rules;
using k8s.Models;

namespace ComplianceScanner.Core.Tests.Export;

public sealed class AdmissionPolicyExporterTests
{
    [Fact]
    public void Every_exported_policy_and_binding_deserializes_into_its_kubernetes_model_without_unknown_fields()
    {
        var export = AdmissionPolicyExporter.Export(DemoInputs.Config(), new ExportOptions { ValidationActions = ["Warn", "Audit"] });

        var policies = export.Objects.Where(o => (string?)o["kind"] == "ValidatingAdmissionPolicy").Select(StrictJson.Deserialize<V1ValidatingAdmissionPolicy>).ToList();
        var bindings = export.Objects.Where(o => (string?)o["kind"] == "ValidatingAdmissionPolicyBinding").Select(StrictJson.Deserialize<V1ValidatingAdmissionPolicyBinding>).ToList();

        Assert.Equal(export.Objects.Length, policies.Count + bindings.Count);
        Assert.Equal(
            ["compliancescanner-forbidden-annotations", "compliancescanner-team-blog", "compliancescanner-team-payments", "compliancescanner-team-shop"],
            policies.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.Equal(policies.Select(p => p.Metadata.Name), bindings.Select(b => b.Spec.PolicyName));
        Assert.All(bindings, b => Assert.Equal(["Warn", "Audit"], b.Spec.ValidationActions));
        Assert.All(policies, p => Assert.Equal("Fail", p.Spec.FailurePolicy));
        var shop = policies.Single(p => p.Metadata.Name == "compliancescanner-team-shop");
        Assert.Equal(["ingresses"], shop.Spec.MatchConstraints.ResourceRules[0].Resources);
        Assert.Equal(["httproutes", "grpcroutes"], shop.Spec.MatchConstraints.ResourceRules[1].Resources);
        Assert.Equal(AdmissionPolicyExporter.InTeamNamespace, Assert.Single(shop.Spec.Variables).Name);
    }

    /// <summary>
    /// The round trip between admission and audit: each v1 Ingress of the demo, run through the exported policies with a
    /// real CEL evaluator, is denied by exactly the checks whose rule the scanner reports for it, plus what admission
    /// deliberately asks more strictly (a rule without host; a class left to the default).
    /// </summary>
    [Fact]
    public void Exported_cel_denies_each_demo_ingress_for_exactly_what_the_scanner_reports()
    {
        var config = DemoInputs.Config();
        var snapshot = DemoInputs.Snapshot();
        var findings = new Evaluator(RuleCatalogue.All).Evaluate(new EvaluationContext(snapshot, config, DemoInputs.Today)).Findings;
        var export = AdmissionPolicyExporter.Export(config);
        var annotations = new CelPolicy(Policy(export, "compliancescanner-forbidden-annotations"));
        var labels = snapshot.Namespaces.ToDictionary(n => n.Metadata.Name, n => (IReadOnlyDictionary<string, string>)n.Metadata.Labels, StringComparer.Ordinal);
        var ownership = new NamespaceOwnership(config, snapshot.Namespaces);
        var judged = 0;
        var denied = 0;
        var log = new List<string>();

        foreach (var obj in DemoInputs.RawObjects().Where(o => (string?)o["kind"] == "Ingress" && (string?)o["apiVersion"] == "networking.k8s.io/v1"))
        {
            var meta = (Dictionary<string, object?>)obj["metadata"]!;
            var ns = (string?)meta.GetValueOrDefault("namespace") ?? "default";
            var name = (string)meta["name"]!;
            var of = findings.Where(f => f.Object?.ToString() == $"Ingress/{ns}/{name}").Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
            var nsLabels = labels.GetValueOrDefault(ns) ?? new Dictionary<string, string>();

            var expected = new SortedSet<string>(StringComparer.Ordinal);
            if (of.Contains("SOD-ING-014"))
            {
                expected.Add("forbidden-annotations");
            }

            if (ownership.TeamOf(ns) is { } team)
            {
                var spec = (Dictionary<string, object?>)obj["spec"]!;
                var rules = (spec.GetValueOrDefault("rules") as List<object?>) ?? [];
                if (of.Contains("SOD-ING-001") || rules.Any(r => r is Dictionary<string, object?> d && !d.ContainsKey("host")))
                {
                    expected.Add("ingress-hosts");
                }

                var explicitClass = spec.ContainsKey("ingressClassName") || (meta.GetValueOrDefault("annotations") as Dictionary<string, object?>)?.ContainsKey("kubernetes.io/ingress.class") == true;
                if (!team.IngressClasses.IsEmpty && (of.Contains("SOD-ING-004") || !explicitClass))
                {
                    expected.Add("ingress-classes");
                }

                if (of.Contains("SOD-ING-007"))
                {
                    expected.Add("ingress-tls");
                }

                if (of.Contains("SOD-ING-013"))
                {
                    expected.Add("ingress-default-backend");
                }
            }

            var actual = new SortedSet<string>(StringComparer.Ordinal);
            if (annotations.Denied(obj, ns, nsLabels).Count > 0)
            {
                actual.Add("forbidden-annotations");
            }

            foreach (var t in config.Teams)
            {
                var checks = AdmissionPolicyExporter.TeamChecks(config, t);
                var policy = new CelPolicy(Policy(export, $"compliancescanner-team-{t.Name}"));
                foreach (var i in policy.Denied(obj, ns, nsLabels))
                {
                    // A team's policy judges only its own namespaces.
                    Assert.Same(t, ownership.TeamOf(ns));
                    actual.Add(checks[i].Name);
                }
            }

            Assert.True(expected.SetEquals(actual), $"Ingress {ns}/{name}: scanner {string.Join(",", of)}; expected denials [{string.Join(", ", expected)}], CEL denied [{string.Join(", ", actual)}]");
            log.Add($"{ns}/{name}: [{string.Join(", ", actual)}]");
            judged++;
            denied += actual.Count > 0 ? 1 : 0;
        }

        Assert.True(judged >= 20, $"only {judged} Ingresses judged");
        Assert.True(denied >= 5 && judged - denied >= 3, $"{denied} of {judged} Ingresses denied:\n{string.Join("\n", log)}");
    }

    [Theory]
    [InlineData("shop", "", "www.shop.example.com", true)]
    [InlineData("shop-staging", "", "shop.example.com", true)]
    [InlineData("shop", "", "a.b.shop.example.com", false)]
    [InlineData("shop", "", "evil.example.com", false)]
    [InlineData("shop", "", null, false)]
    [InlineData("blog-preview", "team=blog", "preview.blog.example.com", true)]
    [InlineData("blog-preview", "team=blog", "www.shop.example.com", false)]
    [InlineData("elsewhere", "", "evil.example.com", true)]
    public void Route_hostnames_are_held_to_the_hosts_of_the_team_owning_the_namespace(string ns, string label, string? hostname, bool allowed)
    {
        var config = DemoInputs.Config();
        var export = AdmissionPolicyExporter.Export(config);
        var labels = label.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { [label.Split('=')[0]] = label.Split('=')[1] };
        var spec = new Dictionary<string, object?> { ["parentRefs"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "edge", ["namespace"] = "platform" } } };
        if (hostname is not null)
        {
            spec["hostnames"] = new List<object?> { hostname };
        }

        var route = new Dictionary<string, object?>
        {
            ["apiVersion"] = "gateway.networking.k8s.io/v1",
            ["kind"] = "HTTPRoute",
            ["metadata"] = new Dictionary<string, object?> { ["name"] = "r", ["namespace"] = ns },
            ["spec"] = spec,
        };

        var denials = config.Teams
            .Select(t => new CelPolicy(Policy(export, $"compliancescanner-team-{t.Name}")))
            .Sum(p => p.Denied(route, ns, labels).Count);

        Assert.Equal(allowed, denials == 0);
    }

    [Fact]
    public void Team_gateways_limit_route_parent_refs()
    {
        var config = DemoInputs.Config();
        config = config with { Teams = [.. config.Teams.Select(t => t.Name == "shop" ? t with { Gateways = ["platform/shop-*"] } : t)] };
        var team = config.Teams.Single(t => t.Name == "shop");
        var policy = new CelPolicy(Policy(AdmissionPolicyExporter.Export(config), "compliancescanner-team-shop"));
        var checks = AdmissionPolicyExporter.TeamChecks(config, team);

        Dictionary<string, object?> Route(string parentNs, string parent) => new()
        {
            ["kind"] = "HTTPRoute",
            ["metadata"] = new Dictionary<string, object?> { ["name"] = "r", ["namespace"] = "shop" },
            ["spec"] = new Dictionary<string, object?>
            {
                ["hostnames"] = new List<object?> { "www.shop.example.com" },
                ["parentRefs"] = new List<object?> { new Dictionary<string, object?> { ["name"] = parent, ["namespace"] = parentNs } },
            },
        };

        Assert.Empty(policy.Denied(Route("platform", "shop-public"), "shop", new Dictionary<string, string>()));
        Assert.Equal(["route-gateways"], policy.Denied(Route("platform", "edge"), "shop", new Dictionary<string, string>()).Select(i => checks[i].Name));
    }

    private static JsonObject Policy(PolicyExport export, string name) =>
        export.Objects.Single(o => (string?)o["kind"] == "ValidatingAdmissionPolicy" && (string?)o["metadata"]!["name"] == name);

    [Fact]
    public void Host_patterns_and_globs_become_anchored_patterns_that_treat_dots_literally()
    {
        Assert.Equal(@"^(?:[^.]+\.shop\.example\.com|shop\.example\.com)$", CelText.HostRegex(["*.shop.example.com", "shop.example.com"]));
        Assert.Equal("^$", CelText.HostRegex([]));
        Assert.Equal(@"^(?:nginx\.ingress\.kubernetes\.io/.*-snippet|a.b)$", CelText.GlobRegex(["nginx.ingress.kubernetes.io/*-snippet", "a?b"]));
        Assert.Equal(@"'it\'s \\ here'", CelText.Quote(@"it's \ here"));
        Assert.Equal("false", AdmissionPolicyExporter.TeamNamespaceCondition(new TeamDefinition { Name = "none" }));
        Assert.Equal(2, AdmissionPolicyExporter.Export(new ScannerConfig()).Objects.Length);
    }
}
