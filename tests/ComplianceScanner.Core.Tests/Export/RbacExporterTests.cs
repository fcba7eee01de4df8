using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Export;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Snapshot.Manifests;
using k8s.Models;

namespace ComplianceScanner.Core.Tests.Export;

public sealed class RbacExporterTests
{
    /// <summary>The boundary rules: who holds which duty where (SOD-RBAC-001..006) and self-exemption (SOD-RBAC-015).</summary>
    private static readonly string[] BoundaryRules =
        ["SOD-RBAC-001", "SOD-RBAC-002", "SOD-RBAC-003", "SOD-RBAC-004", "SOD-RBAC-005", "SOD-RBAC-006", "SOD-RBAC-015"];

    [Fact]
    public void Demo_cluster_with_its_rbac_replaced_by_the_export_has_no_boundary_finding()
    {
        var config = DemoInputs.Config();
        var demo = DemoInputs.Snapshot();
        var export = RbacExporter.Export(config, new ExportOptions { Namespaces = demo.Namespaces });

        var generated = new ManifestLoader().LoadText(
            new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray([.. export.Objects.Select(o => o.DeepClone())]) }.ToJsonString(),
            "exported-rbac.json");
        Assert.Empty(generated.Errors);
        Assert.Empty(generated.Warnings);
        var snapshot = demo with
        {
            Roles = generated.Snapshot.Roles,
            ClusterRoles = generated.Snapshot.ClusterRoles,
            RoleBindings = generated.Snapshot.RoleBindings,
            ClusterRoleBindings = generated.Snapshot.ClusterRoleBindings,
        };

        var context = new EvaluationContext(snapshot, config, DemoInputs.Today);
        var result = new Evaluator(RuleCatalogue.All).Evaluate(context);

        Assert.Empty(result.Errors);
        var boundary = result.Findings.Where(f => BoundaryRules.Contains(f.RuleId)).Select(f => $"{f.RuleId} {f.Object} {f.Subject} {f.Key}").ToList();
        Assert.True(boundary.Count == 0, string.Join("\n", boundary));

        // And every layer can still do its job: the export grants the duties, not only withholds others.
        var index = context.Permissions;
        Assert.True(index.Authorize(UserInfo.ForSubject(Core.Model.Subject.Group("team-shop")), AuthorizationRequest.ForResource("create", "networking.k8s.io", "ingresses", "shop-staging")).Allowed);
        Assert.True(index.Authorize(UserInfo.ForSubject(Core.Model.Subject.Group("team-shop")), AuthorizationRequest.ForResource("create", "gateway.networking.k8s.io", "httproutes", "shop")).Allowed);
        Assert.False(index.Authorize(UserInfo.ForSubject(Core.Model.Subject.Group("team-shop")), AuthorizationRequest.ForResource("create", "networking.k8s.io", "ingresses", "payments")).Allowed);
        Assert.True(index.Authorize(UserInfo.ForSubject(Core.Model.Subject.Group("platform-operators")), AuthorizationRequest.ForResource("patch", "networking.k8s.io", "ingressclasses", name: "nginx-public")).Allowed);
        Assert.False(index.Authorize(UserInfo.ForSubject(Core.Model.Subject.Group("security-team")), AuthorizationRequest.ForResource("patch", "networking.k8s.io", "ingresses", "shop", "web")).Allowed);
    }

    [Fact]
    public void Team_globs_and_selectors_become_role_bindings_in_the_namespaces_that_exist_with_a_note()
    {
        var config = DemoInputs.Config();
        var demo = DemoInputs.Snapshot();

        var export = RbacExporter.Export(config, new ExportOptions { Namespaces = demo.Namespaces });

        var shopBindings = export.Objects.Where(o => (string?)o["kind"] == "RoleBinding" && ((string?)o["metadata"]!["name"])!.StartsWith("compliancescanner:shop:", StringComparison.Ordinal))
            .Select(o => $"{o["metadata"]!["namespace"]}/{o["metadata"]!["name"]}").Order(StringComparer.Ordinal).ToList();
        Assert.Contains("shop/compliancescanner:shop:route-editing", shopBindings);
        Assert.Contains("shop-staging/compliancescanner:shop:tls-management", shopBindings);
        Assert.DoesNotContain(shopBindings, b => b.StartsWith("payments/", StringComparison.Ordinal));
        Assert.Contains(export.Notes, n => n.Contains("team shop owns namespaces by glob", StringComparison.Ordinal));

        // Without the snapshot only literal names can be bound.
        var bare = RbacExporter.Export(config);
        Assert.DoesNotContain(bare.Objects, o => (string?)o["metadata"]!["namespace"] == "shop-staging");
        Assert.Contains(bare.Objects, o => (string?)o["metadata"]!["namespace"] == "shop");
    }

    [Fact]
    public void Every_exported_rbac_object_deserializes_into_its_kubernetes_model_without_unknown_fields()
    {
        var export = RbacExporter.Export(DemoInputs.Config(), new ExportOptions { Namespaces = DemoInputs.Snapshot().Namespaces });
        var kinds = new Dictionary<string, Type>
        {
            ["ClusterRole"] = typeof(V1ClusterRole),
            ["ClusterRoleBinding"] = typeof(V1ClusterRoleBinding),
            ["RoleBinding"] = typeof(V1RoleBinding),
        };

        foreach (var o in export.Objects)
        {
            var model = StrictJson.Deserialize(o, kinds[(string)o["kind"]!]);
            Assert.Equal((string?)o["metadata"]!["name"], ((IMetadata<V1ObjectMeta>)model).Metadata.Name);
        }

        Assert.Equal(["ClusterRole", "ClusterRoleBinding", "RoleBinding"], export.Objects.Select(o => (string)o["kind"]!).Distinct().Order(StringComparer.Ordinal));
        var route = StrictJson.Deserialize<V1ClusterRole>(export.Objects.Single(o => (string?)o["metadata"]!["name"] == "compliancescanner:duty:route-editing"));
        Assert.Contains(route.Rules, r => r.Resources.SequenceEqual(["httproutes", "grpcroutes", "referencegrants"]));
        Assert.Throws<JsonException>(() => StrictJson.Deserialize<V1ClusterRole>(JsonNode.Parse("""{"metadata":{"name":"x"},"rulez":[]}""")!.AsObject()));
    }
}
