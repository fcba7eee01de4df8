using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules.Rbac;
using static ComplianceScanner.Core.Tests.Rules.Rbac.RbacScan;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class AggregationInjectionRuleTests
{
    private static readonly AggregationInjectionRule Rule = new();

    /// <summary>Built-in admin, edit and view, chained as in a cluster: view feeds edit, edit feeds admin.</summary>
    private const string BuiltinRoles = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
        aggregationRule: {clusterRoleSelectors: [{matchLabels: {rbac.authorization.k8s.io/aggregate-to-admin: "true"}}]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: edit, labels: {kubernetes.io/bootstrapping: rbac-defaults, rbac.authorization.k8s.io/aggregate-to-admin: "true"}}
        aggregationRule: {clusterRoleSelectors: [{matchLabels: {rbac.authorization.k8s.io/aggregate-to-edit: "true"}}]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: view, labels: {kubernetes.io/bootstrapping: rbac-defaults, rbac.authorization.k8s.io/aggregate-to-edit: "true"}}
        aggregationRule: {clusterRoleSelectors: [{matchLabels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}}]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "system:aggregate-to-edit", labels: {kubernetes.io/bootstrapping: rbac-defaults, rbac.authorization.k8s.io/aggregate-to-edit: "true"}}
        rules: [{apiGroups: [""], resources: [secrets], verbs: [create, update]}]
        """;

    private static string Custom(string name, string labels, string rules) => $$"""
        {{BuiltinRoles}}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: {{name}}
          labels: {{{labels}}}
        rules: {{rules}}
        """;

    [Fact]
    public void A_custom_role_injected_into_view_reaches_edit_and_admin()
    {
        var f = Assert.Single(Run(Rule, Custom("backup-trigger", "rbac.authorization.k8s.io/aggregate-to-view: \"true\"", "[{apiGroups: [backup.example.com], resources: [backups], verbs: [get, create]}]")));

        Assert.Equal("ClusterRole/backup-trigger - view open", Line(f));
        Assert.Contains(f.Evidence, e => e.Kind == "boundary" && e.Detail == "its rules reach every binding of admin, edit, view");
        Assert.Contains(f.Evidence, e => e.Kind == "rule" && e.Detail.EndsWith(": verbs create", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_a_built_in_source_also_carries_is_still_injected()
    {
        var f = Assert.Single(Run(Rule, Custom("secrets-addon", "rbac.authorization.k8s.io/aggregate-to-edit: \"true\"", "[{apiGroups: [\"\"], resources: [secrets], verbs: [create, update]}]")));

        Assert.Equal("edit", f.Key);
    }

    [Theory]
    [InlineData("[{apiGroups: [cert-manager.io], resources: [certificates], verbs: [get, list, watch]}]", false)]
    [InlineData("[{apiGroups: [cert-manager.io], resources: [\"*\"], verbs: [get, list, watch]}]", false)]
    [InlineData("[{nonResourceURLs: [/metrics], verbs: [get]}]", false)]
    [InlineData("[{apiGroups: [\"\"], resources: [\"*\"], verbs: [get]}]", true)]
    [InlineData("[{apiGroups: [\"\"], resources: [secrets], resourceNames: [x], verbs: [get]}]", true)]
    [InlineData("[{apiGroups: [\"\"], resources: [pods/exec], verbs: [get]}]", true)]
    [InlineData("[{apiGroups: [\"\"], resources: [serviceaccounts], verbs: [impersonate]}]", true)]
    public void Only_more_than_read_only_on_ordinary_resources_is_injection(string rules, bool reported)
    {
        var findings = Run(Rule, Custom("addon", "rbac.authorization.k8s.io/aggregate-to-view: \"true\"", rules));

        Assert.Equal(reported ? 1 : 0, findings.Count);
    }

    [Fact]
    public void Aggregation_into_a_custom_role_is_not_injection()
    {
        const string manifests = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: developer}
            aggregationRule: {clusterRoleSelectors: [{matchLabels: {example.com/dev: "true"}}]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: developer-secrets, labels: {example.com/dev: "true"}}
            rules: [{apiGroups: [""], resources: [secrets], verbs: ["*"]}]
            """;

        Assert.Empty(Run(Rule, manifests));
    }

    [Fact]
    public void A_custom_aggregated_role_labelled_into_admin_injects_what_it_aggregates()
    {
        var manifests = Custom("developer", "rbac.authorization.k8s.io/aggregate-to-admin: \"true\"", "[]").Replace(
            "rules: []", "aggregationRule: {clusterRoleSelectors: [{matchLabels: {example.com/dev: \"true\"}}]}", StringComparison.Ordinal)
            + """

            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: developer-secrets, labels: {example.com/dev: "true"}}
            rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
            """;

        var f = Assert.Single(Run(Rule, manifests));

        Assert.Equal("ClusterRole/developer - admin open", Line(f));
        Assert.Contains(f.Evidence, e => e.Kind == "rule" && e.Detail.Contains("from ClusterRole/developer-secrets#0", StringComparison.Ordinal));
    }

    [Fact]
    public void Reasons_name_verbs_secret_reads_and_pass_through()
    {
        string[] Reasons(string verb, string resource) =>
            [.. AggregationInjectionRule.Reasons(new PolicyRule { ApiGroups = [""], Resources = [resource], Verbs = [verb] })];

        Assert.Empty(Reasons("get", "configmaps"));
        Assert.Equal(["verbs update"], Reasons("update", "configmaps"));
        Assert.Equal(["secret reads"], Reasons("watch", "secrets"));
        Assert.Equal(["exec or proxy"], Reasons("get", "services/proxy"));
        Assert.Equal(["verbs *", "secret reads", "exec or proxy"], Reasons("*", "*"));
    }
}
