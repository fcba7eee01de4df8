using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Rules.Rbac;
using static ComplianceScanner.Core.Tests.Rules.Rbac.RbacScan;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class PrivilegedRoleBindingRuleTests
{
    private static readonly PrivilegedRoleBindingRule Rule = new();

    private static string Binding(string name, string? ns, string role, string subjects, string roleKind = "ClusterRole") => $$"""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: {{(ns is null ? "ClusterRoleBinding" : "RoleBinding")}}
        metadata: {name: {{name}}{{(ns is null ? string.Empty : $", namespace: {ns}")}}}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: {{roleKind}}, name: {{role}}}
        subjects:
        {{subjects}}
        """;

    [Theory]
    [InlineData(null, "team-shop")]
    [InlineData("shop", "team-shop")]
    [InlineData("legacy", "contractors")]
    [InlineData("security", "security-team")]
    public void Cluster_admin_is_reported_wherever_it_is_bound_outside_the_cluster_layer(string? ns, string group)
    {
        var f = Assert.Single(Run(Rule, Binding("b", ns, "cluster-admin", Group(group))));

        Assert.Equal("cluster-admin", f.Key);
        Assert.Equal(Severity.Critical, f.Severity);
        Assert.Contains(f.Evidence, e => e.Kind == "role" && e.Detail.Contains("recognised by name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("admin", null, "team-shop", true)]
    [InlineData("edit", null, "security-team", true)]
    [InlineData("admin", "shop", "team-shop", false)]
    [InlineData("edit", "shop-staging", "team-shop", false)]
    [InlineData("edit", "blog", "team-blog", false)]
    [InlineData("edit", "blog", "team-shop", true)]
    [InlineData("admin", "security", "security-team", false)]
    [InlineData("admin", "shop", "security-team", true)]
    [InlineData("edit", "legacy", "contractors", true)]
    [InlineData("edit", "platform", "contractors", false)]
    [InlineData("edit", "kube-system", "contractors", false)]
    [InlineData("view", null, "contractors", false)]
    public void Admin_and_edit_are_reported_outside_the_subjects_own_namespaces(string role, string? ns, string group, bool reported)
    {
        var findings = Run(Rule, Binding("b", ns, role, Group(group)));

        Assert.Equal(reported ? 1 : 0, findings.Count);
    }

    [Fact]
    public void The_cluster_layer_may_hold_cluster_admin_and_a_namespaced_role_called_admin_is_not_the_built_in()
    {
        var manifests = Binding("platform", null, "cluster-admin", Group("platform-operators")) + "\n---\n"
            + "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: admin, namespace: legacy}\nrules: [{apiGroups: [\"\"], resources: [pods], verbs: [get]}]\n---\n"
            + Binding("legacy-admin", "legacy", "admin", Group("contractors"), roleKind: "Role");

        Assert.Empty(Run(Rule, manifests));
    }

    [Fact]
    public void Kubernetes_own_binding_of_cluster_admin_to_system_masters_is_builtin()
    {
        var manifests = Binding("cluster-admin", null, "cluster-admin", Group("system:masters")).Replace(
            "metadata: {name: cluster-admin}", "metadata: {name: cluster-admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}", StringComparison.Ordinal);

        Assert.Equal(["ClusterRoleBinding/cluster-admin Group:system:masters cluster-admin builtin"], Lines(Run(Rule, manifests)));
    }
}
