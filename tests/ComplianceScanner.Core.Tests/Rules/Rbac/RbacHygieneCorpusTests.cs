using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Snapshot.Manifests;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

/// <summary>
/// The hygiene rules on RBAC the project did not write, judged with no layers declared: Kubernetes' own bootstrap policy
/// must produce only built-in findings (no open false alarm on a fresh cluster), and real controller manifests must
/// produce exactly the findings a reviewer expects of them.
/// </summary>
public sealed class RbacHygieneCorpusTests
{
    private static readonly string[] HygieneRules =
        ["SOD-RBAC-007", "SOD-RBAC-008", "SOD-RBAC-009", "SOD-RBAC-010", "SOD-RBAC-011", "SOD-RBAC-012", "SOD-RBAC-013", "SOD-RBAC-014", "SOD-RBAC-016"];

    [SkippableFact]
    public void Kubernetes_bootstrap_policy_gives_only_builtin_findings()
    {
        var dir = Path.Combine(SharedCorpus.RequirePath(), "kubernetes-bootstrappolicy", "plugin", "pkg", "auth", "authorizer", "rbac", "bootstrappolicy", "testdata");
        var findings = Scan(Directory.GetFiles(dir, "*.yaml"));

        Assert.All(findings, f => Assert.True(f.State == FindingState.Builtin, $"open false alarm: {RbacScan.Line(f)}: {f.Message}"));

        // Shown, not hidden: the facts every cluster has.
        var lines = RbacScan.Lines(findings);
        Assert.Contains("ClusterRoleBinding/cluster-admin Group:system:masters cluster-admin builtin", lines);
        Assert.Contains("ClusterRoleBinding/cluster-admin Group:system:masters apiGroups *; nonResourceURLs *; resources *; verbs * builtin", lines);
        Assert.Contains("ClusterRoleBinding/system:public-info-viewer Group:system:unauthenticated unauthenticated builtin", lines);
        Assert.Contains("ClusterRoleBinding/system:basic-user Group:system:authenticated non-read verbs builtin", lines);
        Assert.Contains("ClusterRole/admin - - builtin", lines);
        Assert.Contains(findings, f => f.RuleId == "SOD-RBAC-007" && f.Subject?.ToString() == "ServiceAccount:kube-system/generic-garbage-collector");
        Assert.Contains(findings, f => f.RuleId == "SOD-RBAC-016" && f.Object?.Name == "system:controller:certificate-controller");

        // Not a finding: discovery to all authenticated users is read-only; edit/view/aggregate-to-* feed aggregates.
        Assert.DoesNotContain(lines, l => l.StartsWith("ClusterRoleBinding/system:discovery ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("ClusterRole/edit ", StringComparison.Ordinal) || l.StartsWith("ClusterRole/system:aggregate-to-", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.RuleId == "SOD-RBAC-014");
    }

    [SkippableFact]
    public void Ingress_nginx_static_manifest_controller_reads_secrets_and_certgen_patches_the_webhook()
    {
        var corpus = SharedCorpus.RequirePath();
        foreach (var provider in new[] { "cloud", "baremetal" })
        {
            var findings = Scan([Path.Combine(corpus, "ingress-nginx", "deploy", "static", "provider", provider, "deploy.yaml")]);

            Assert.Equal(
                [
                    "ClusterRoleBinding/ingress-nginx ServiceAccount:ingress-nginx/ingress-nginx secrets list,watch open",
                    "ClusterRoleBinding/ingress-nginx-admission ServiceAccount:ingress-nginx/ingress-nginx-admission validatingwebhookconfigurations update open",
                ],
                RbacScan.Lines(findings));
        }
    }

    [SkippableTheory]
    [InlineData("kubernetes-crd-rbac.yml", "ClusterRoleBinding/traefik-ingress-controller ServiceAccount:default/traefik-ingress-controller secrets get,list,watch open")]
    [InlineData("kubernetes-gateway-rbac.yml", "ClusterRoleBinding/gateway-controller ServiceAccount:default/traefik-controller secrets get,list,watch open")]
    [InlineData("kubernetes-ingress-nginx-rbac.yml", "ClusterRoleBinding/traefik-ingress-nginx-controller ServiceAccount:default/traefik-ingress-nginx-controller secrets list,watch open")]
    [InlineData("kubernetes-knative-rbac.yml", "ClusterRoleBinding/gateway-controller ServiceAccount:default/traefik-controller secrets get,list,watch open")]
    public void Traefik_rbac_examples_read_secrets_cluster_wide(string file, string expected)
    {
        var path = Path.Combine(SharedCorpus.RequirePath(), "traefik", "docs", "content", "reference", "dynamic-configuration", file);

        var findings = Scan([path]);

        Assert.Equal([expected], RbacScan.Lines(findings));
        Assert.Equal("SOD-RBAC-008", findings[0].RuleId);
    }

    private static List<Finding> Scan(IEnumerable<string> paths)
    {
        var loaded = new ManifestLoader().Load(paths);
        Assert.True(loaded.Errors.IsEmpty, string.Join(Environment.NewLine, loaded.Errors));
        var context = new EvaluationContext(loaded.Snapshot, new ScannerConfig(), RbacScan.Today);
        var findings = new Evaluator([.. RuleCatalogue.All.Where(r => HygieneRules.Contains(r.Descriptor.Id))]).Evaluate(context);
        Assert.Empty(findings.Errors);
        return [.. findings.Findings];
    }
}
