using ComplianceScanner.Core.Permissions;
using static ComplianceScanner.Core.Tests.Permissions.Rbac;

namespace ComplianceScanner.Core.Tests.Permissions;

public sealed class RuleCoverageTests
{
    [Fact]
    public void Breakdown_yields_one_tuple_per_group_resource_verb_and_name()
    {
        var tuples = RuleCoverage.Breakdown(Rule(["", "apps"], ["a", "b", "c"], ["get", "list"], ["n1", "n2"]));
        var urls = RuleCoverage.Breakdown(Urls(["/a", "/b"], ["get", "post", "put"]));

        Assert.Equal(24, tuples.Length);
        Assert.All(tuples, t => Assert.True(t.Verbs.Length == 1 && t.ApiGroups.Length == 1 && t.Resources.Length == 1 && t.ResourceNames.Length == 1));
        Assert.Equal(6, urls.Length);
    }

    [Theory]
    [InlineData("*", "*", "*", "get", "", "pods", true)]
    [InlineData("get", "", "pods", "get", "", "pods", true)]
    [InlineData("get", "", "pods", "list", "", "pods", false)]
    [InlineData("get", "", "pods", "*", "", "pods", false)]
    [InlineData("*", "", "pods", "*", "", "pods", true)]
    [InlineData("get", "", "*/status", "get", "", "pods/status", true)]
    [InlineData("get", "", "pods", "get", "", "pods/status", false)]
    [InlineData("get", "extensions", "ingresses", "get", "networking.k8s.io", "ingresses", false)]
    public void RuleCovers_mirrors_the_escalation_check(string ownVerb, string ownGroup, string ownResource, string verb, string group, string resource, bool expected)
    {
        Assert.Equal(expected, RuleCoverage.RuleCovers(Rule([ownGroup], [ownResource], [ownVerb]), Rule([group], [resource], [verb])));
    }

    [Fact]
    public void Names_restricted_rules_cover_only_named_tuples()
    {
        var owned = Rule([""], ["secrets"], ["get"], ["a"]);

        Assert.True(RuleCoverage.RuleCovers(owned, Rule([""], ["secrets"], ["get"], ["a"])));
        Assert.False(RuleCoverage.RuleCovers(owned, Rule([""], ["secrets"], ["get"], ["b"])));
        Assert.False(RuleCoverage.RuleCovers(owned, Rule([""], ["secrets"], ["get"])));
        Assert.True(RuleCoverage.RuleCovers(Rule([""], ["secrets"], ["get"]), Rule([""], ["secrets"], ["get"], ["b"])));
    }

    [Fact]
    public void Covers_lists_the_uncovered_tuples()
    {
        var covered = RuleCoverage.Covers(
            [Rule([""], ["pods"], ["get", "list"]), Urls(["/logs/*"], ["get"])],
            [Rule([""], ["pods"], ["get", "delete"]), Urls(["/logs/a", "/metrics"], ["get"])],
            out var uncovered);

        Assert.False(covered);
        Assert.Equal(["verbs=[delete] apiGroups=[\"\"] resources=[pods]", "verbs=[get] nonResourceURLs=[/metrics]"], uncovered.Select(u => u.ToString()));
    }
}
