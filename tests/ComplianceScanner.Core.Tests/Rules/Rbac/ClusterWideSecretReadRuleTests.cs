using ComplianceScanner.Core.Rules.Rbac;
using static ComplianceScanner.Core.Tests.Rules.Rbac.RbacScan;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class ClusterWideSecretReadRuleTests
{
    private static readonly ClusterWideSecretReadRule Rule = new();

    [Theory]
    [InlineData("[\"\"]", "[secrets]", "[get, list, watch]", "secrets get,list,watch")]
    [InlineData("[\"*\"]", "[secrets]", "[watch]", "secrets watch")]
    [InlineData("[\"\"]", "[\"*\"]", "[list]", "secrets list")]
    [InlineData("[\"*\"]", "[\"*\"]", "[\"*\"]", "secrets get,list,watch")]
    public void Secret_reads_through_a_cluster_role_binding_are_reported(string groups, string resources, string verbs, string key)
    {
        var findings = Run(Rule, Grant("r", $"- {{apiGroups: {groups}, resources: {resources}, verbs: {verbs}}}", "b", null, ServiceAccount("shop", "web")));

        Assert.Equal([$"ClusterRoleBinding/b ServiceAccount:shop/web {key} open"], Lines(findings));
    }

    [Theory]
    [InlineData("- {apiGroups: [\"\"], resources: [secrets], resourceNames: [db], verbs: [get, list, watch]}")]
    [InlineData("- {apiGroups: [monitoring.coreos.com], resources: [\"*\"], verbs: [get, list, watch]}")]
    [InlineData("- {apiGroups: [extensions], resources: [secrets], verbs: [get]}")]
    [InlineData("- {apiGroups: [\"\"], resources: [secrets], verbs: [create, update, delete]}")]
    [InlineData("- {apiGroups: [\"\"], resources: [\"*/status\"], verbs: [get]}")]
    public void Named_secrets_other_groups_and_writes_are_not_cluster_wide_reads(string rules)
    {
        Assert.Empty(Run(Rule, Grant("r", rules, "b", null, ServiceAccount("shop", "web"))));
    }

    [Fact]
    public void A_role_binding_is_not_cluster_wide()
    {
        Assert.Empty(Run(Rule, Grant("r", "- {apiGroups: [\"\"], resources: [secrets], verbs: [get, list, watch]}", "b", "legacy", Group("contractors"))));
    }

    [Fact]
    public void Verbs_a_duty_of_the_subjects_layer_describes_are_allowed_and_the_rest_reported()
    {
        // compliance-scanning (security layer) describes list and watch, not get.
        var rules = "- {apiGroups: [\"\"], resources: [secrets], verbs: [list, watch]}";
        Assert.Empty(Run(Rule, Grant("scanner", rules, "scanner", null, ServiceAccount("security", "scanner"))));

        var f = Assert.Single(Run(Rule, Grant("scanner", rules + "\n- {apiGroups: [\"\"], resources: [secrets], verbs: [get]}", "scanner", null, ServiceAccount("security", "scanner"))));
        Assert.Equal("secrets get", f.Key);
        Assert.Contains(f.Evidence, e => e.Kind == "boundary" && e.Detail.EndsWith(": list allowed by compliance-scanning, watch allowed by compliance-scanning, not get", StringComparison.Ordinal));
    }

    [Fact]
    public void A_team_duty_describing_secret_reads_holds_in_its_namespaces_only()
    {
        // A team duty that describes Secret reads holds in the team's namespaces, never cluster-wide.
        const string config = """
            apiVersion: compliancescanner.io/v1
            kind: ScannerConfig
            duties:
              tls-management:
                rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list, watch, create]}]
            layers:
              namespace:
                teams:
                - {name: shop, subjects: [{kind: Group, name: team-shop}], namespaces: [shop], duties: [tls-management]}
            """;

        var f = Assert.Single(Run(Rule, Grant("r", "- {apiGroups: [\"\"], resources: [secrets], verbs: [get]}", "b", null, Group("team-shop")), config));

        Assert.Equal("secrets get", f.Key);
        Assert.Equal("shop", f.Team);
    }

    [Fact]
    public void The_cluster_layer_is_not_judged()
    {
        Assert.Empty(Run(Rule, Grant("r", "- {apiGroups: [\"\"], resources: [secrets], verbs: [get, list, watch]}", "b", null, Group("platform-operators"))));
    }
}
