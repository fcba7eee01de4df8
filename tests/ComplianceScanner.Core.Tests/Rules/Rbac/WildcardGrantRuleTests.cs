using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules.Rbac;
using static ComplianceScanner.Core.Tests.Rules.Rbac.RbacScan;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class WildcardGrantRuleTests
{
    private static readonly WildcardGrantRule Rule = new();

    [Theory]
    [InlineData("[\"*\"]", "[apps]", "[deployments]", "verbs *")]
    [InlineData("[get]", "[\"*\"]", "[deployments]", "apiGroups *")]
    [InlineData("[get]", "[apps]", "[\"*\"]", "resources *")]
    [InlineData("[update]", "[apps]", "[\"*/scale\"]", "resources */scale")]
    [InlineData("[get, list, watch, create, update, patch, delete]", "[apps]", "[deployments]", "verbs all seven")]
    [InlineData("[delete, patch, update, create, watch, list, get, deletecollection]", "[apps]", "[deployments]", "verbs all seven")]
    public void Each_kind_of_wildcard_is_reported_with_its_dimension(string verbs, string groups, string resources, string key)
    {
        var findings = Run(Rule, Grant("r", $"- {{apiGroups: {groups}, resources: {resources}, verbs: {verbs}}}", "b", "legacy", Group("contractors")));

        Assert.Equal([$"RoleBinding/legacy/b Group:contractors {key} open"], Lines(findings));
    }

    [Theory]
    [InlineData("[get, list, watch, create, update, patch]")]
    [InlineData("[get, list, watch, create, update, delete, deletecollection]")]
    public void Six_of_the_seven_verbs_are_not_a_wildcard(string verbs)
    {
        Assert.Empty(Run(Rule, Grant("r", $"- {{apiGroups: [apps], resources: [deployments], verbs: {verbs}}}", "b", "legacy", Group("contractors"))));
    }

    [Fact]
    public void Severity_is_critical_for_everything_low_for_seven_named_verbs_medium_otherwise()
    {
        var manifests = string.Join("\n---\n",
            Grant("all", "- {apiGroups: [\"*\"], resources: [\"*\"], verbs: [get, list, watch, create, update, patch, delete]}", "all", null, Group("a")),
            Grant("apps", "- {apiGroups: [apps], resources: [\"*\"], verbs: [\"*\"]}", "apps", null, Group("b")),
            Grant("seven", "- {apiGroups: [apps], resources: [deployments], verbs: [get, list, watch, create, update, patch, delete]}", "seven", null, Group("c")));

        var bySubject = Run(Rule, manifests).ToDictionary(f => f.Subject!.Name, f => f.Severity);

        Assert.Equal(Severity.Critical, bySubject["a"]);
        Assert.Equal(Severity.Medium, bySubject["b"]);
        Assert.Equal(Severity.Low, bySubject["c"]);
    }

    [Fact]
    public void The_cluster_layer_may_hold_wildcards_and_everyone_else_is_reported_once_per_binding()
    {
        var manifests = Grant("all", "- {apiGroups: [\"*\"], resources: [\"*\"], verbs: [\"*\"]}\n- {apiGroups: [apps], resources: [\"*\"], verbs: [get]}", "all", null,
            Group("platform-operators") + "\n" + Group("team-shop") + "\n" + ServiceAccount("legacy", "ci"));

        var findings = Run(Rule, manifests);

        Assert.Equal(
            ["ClusterRoleBinding/all Group:team-shop apiGroups *; resources *; verbs * open", "ClusterRoleBinding/all ServiceAccount:legacy/ci apiGroups *; resources *; verbs * open"],
            Lines(findings));
        var f = findings[0];
        Assert.Equal(["subject", "binding", "role", "rule", "rule"], f.Evidence.Select(e => e.Kind));
        Assert.Equal("shop", f.Team);
    }

    [Fact]
    public void A_wildcard_url_through_a_role_binding_is_inert_but_through_a_cluster_role_binding_is_reported()
    {
        var rules = "- {nonResourceURLs: [\"*\"], verbs: [get]}";
        var manifests = Grant("urls", rules, "ns-urls", "legacy", Group("contractors")) + "\n---\n"
            + Grant("urls2", rules, "cluster-urls", null, Group("contractors"));

        Assert.Equal(["ClusterRoleBinding/cluster-urls Group:contractors nonResourceURLs * open"], Lines(Run(Rule, manifests)));
    }

    [Fact]
    public void Wildcards_reached_through_aggregation_name_their_origin()
    {
        const string manifests = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: developer}
            aggregationRule:
              clusterRoleSelectors: [{matchLabels: {example.com/dev: "true"}}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: developer-apps, labels: {example.com/dev: "true"}}
            rules: [{apiGroups: [apps], resources: ["*"], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: devs, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: developer}
            subjects: [{kind: Group, name: team-shop}]
            """;

        var f = Assert.Single(Run(Rule, manifests));

        Assert.Contains(f.Evidence, e => e.Kind == "rule" && e.Detail.Contains("from ClusterRole/developer-apps#0", StringComparison.Ordinal));
    }

    [Fact]
    public void Kubernetes_own_cluster_admin_binding_is_shown_as_builtin()
    {
        const string manifests = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: cluster-admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
            rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}, {nonResourceURLs: ["*"], verbs: ["*"]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: cluster-admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: Group, name: "system:masters"}]
            """;

        var f = Assert.Single(Run(Rule, manifests));

        Assert.Equal(FindingState.Builtin, f.State);
        Assert.Equal("apiGroups *; nonResourceURLs *; resources *; verbs *", f.Key);
        Assert.Equal(Subject.Group("system:masters"), f.Subject);
    }

    [Fact]
    public void Dimensions_of_a_rule_without_wildcards_are_empty()
    {
        Assert.Empty(WildcardGrantRule.Dimensions(new PolicyRule { ApiGroups = [""], Resources = ["pods"], Verbs = ["get", "list"] }));
        Assert.Empty(WildcardGrantRule.Dimensions(new PolicyRule { NonResourceUrls = ["/metrics"], Verbs = ["get", "list", "watch", "create", "update", "patch", "delete"] }));
    }
}
