using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules.Rbac;
using ComplianceScanner.Core.Snapshot;
using static ComplianceScanner.Core.Tests.Rules.Rbac.RbacScan;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class DanglingBindingRuleTests
{
    private static readonly DanglingBindingRule Rule = new();

    private const string Manifests = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: shop}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: missing-role, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: gone}
        subjects: [{kind: Group, name: team-shop}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: role-in-crb}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
        subjects: [{kind: Group, name: team-shop}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: sas, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
        subjects:
        - {kind: ServiceAccount, name: web}
        - {kind: ServiceAccount, name: ci}
        - {kind: ServiceAccount, name: default}
        - {kind: ServiceAccount, name: deployer, namespace: blog}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: no-namespace}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
        subjects: [{kind: ServiceAccount, name: ci}, {kind: group, name: admins}]
        """;

    [Fact]
    public void Missing_roles_missing_service_accounts_and_unmatchable_subjects_are_reported()
    {
        // blog/deployer is not reported: no ServiceAccount of blog was read, so its absence is unknown.
        Assert.Equal(
            [
                "ClusterRoleBinding/no-namespace - subjects[0] open",
                "ClusterRoleBinding/no-namespace - subjects[1] open",
                "ClusterRoleBinding/role-in-crb - Role/reader open",
                "RoleBinding/shop/missing-role - Role/gone open",
                "RoleBinding/shop/sas ServiceAccount:shop/ci ServiceAccount/shop/ci open",
            ],
            Lines(Run(Rule, Manifests)));
    }

    [Fact]
    public void Service_accounts_are_not_judged_when_they_could_not_be_read()
    {
        var context = Context(Manifests);
        var partial = new EvaluationContext(
            context.Snapshot with { Missing = [new MissingKind("serviceaccounts", "forbidden")] }, context.Config, Today);

        Assert.DoesNotContain(Rule.Evaluate(partial), f => f.Subject is not null);
    }

    [Fact]
    public void Rbac_rules_stay_silent_when_rbac_kinds_are_missing()
    {
        var context = Context(Manifests);
        var partial = new EvaluationContext(
            context.Snapshot with { Missing = [new MissingKind("roles.rbac.authorization.k8s.io", "forbidden")] }, context.Config, Today);

        Assert.Empty(Rule.Evaluate(partial));
    }

    [Fact]
    public void A_dangling_built_in_binding_is_builtin()
    {
        const string manifests = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: "system:node", labels: {kubernetes.io/bootstrapping: rbac-defaults}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:node"}
            """;

        var f = Assert.Single(Run(Rule, manifests));

        Assert.Equal(FindingState.Builtin, f.State);
        Assert.Null(f.Subject);
        Assert.Equal(new ObjectReference("ClusterRoleBinding", null, "system:node"), f.Object);
    }
}
