using ComplianceScanner.Core.Rules.Rbac;
using static ComplianceScanner.Core.Tests.Rules.Rbac.RbacScan;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class UnusedRoleRuleTests
{
    private static readonly UnusedRoleRule Rule = new();

    [Fact]
    public void Roles_feeding_aggregated_roles_are_used_and_unbound_aggregates_and_orphans_are_not()
    {
        const string manifests = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: top}
            aggregationRule: {clusterRoleSelectors: [{matchLabels: {example.com/top: "true"}}]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: middle, labels: {example.com/top: "true"}}
            aggregationRule: {clusterRoleSelectors: [{matchLabels: {example.com/middle: "true"}}]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: leaf, labels: {example.com/middle: "true"}}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: orphan}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: bound-from-namespace}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: rb, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: bound-from-namespace}
            subjects: [{kind: Group, name: team-shop}]
            """;

        // top is an aggregated role nobody binds and nothing selects; middle and leaf feed aggregates.
        Assert.Equal(["ClusterRole/orphan - - open", "ClusterRole/top - - open"], Lines(Run(Rule, manifests)));
    }

    [Fact]
    public void A_role_is_used_only_by_a_role_binding_of_its_namespace()
    {
        const string manifests = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reader, namespace: shop}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reader, namespace: blog}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: rb, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
            subjects: [{kind: Group, name: team-shop}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: crb}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
            subjects: [{kind: Group, name: team-blog}]
            """;

        var f = Assert.Single(Run(Rule, manifests));

        Assert.Equal("Role/blog/reader - - open", Line(f));
        Assert.Equal("blog", f.Team);
    }

    [Fact]
    public void Unbound_built_in_roles_are_builtin()
    {
        const string manifests = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: "system:heapster", labels: {kubernetes.io/bootstrapping: rbac-defaults}}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            """;

        Assert.Equal(["ClusterRole/system:heapster - - builtin"], Lines(Run(Rule, manifests)));
    }
}
