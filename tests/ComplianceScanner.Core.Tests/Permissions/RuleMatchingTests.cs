using ComplianceScanner.Core.Permissions;
using static ComplianceScanner.Core.Tests.Permissions.Rbac;

namespace ComplianceScanner.Core.Tests.Permissions;

public sealed class RuleMatchingTests
{
    [Theory]
    [InlineData("*", "pods", "", true)]
    [InlineData("*", "pods/status", "status", true)]
    [InlineData("pods", "pods", "", true)]
    [InlineData("pods", "pods/status", "status", false)]
    [InlineData("pods/status", "pods/status", "status", true)]
    [InlineData("*/status", "pods/status", "status", true)]
    [InlineData("*/status", "pods", "", false)]
    [InlineData("*/status", "pods/statusx", "statusx", false)]
    [InlineData("*/scale", "pods/status", "status", false)]
    [InlineData("pods/*", "pods/log", "log", false)]
    [InlineData("*/*", "pods/status", "status", false)]
    [InlineData("Pods", "pods", "", false)]
    public void ResourceMatches_mirrors_evaluation_helpers(string ruleResource, string combined, string subresource, bool expected)
    {
        Assert.Equal(expected, RuleMatching.ResourceMatches(Rule(["*"], [ruleResource], ["*"]), combined, subresource));
    }

    [Theory]
    [InlineData("*", "/anything", true)]
    [InlineData("/healthz", "/healthz", true)]
    [InlineData("/healthz", "/healthz/", false)]
    [InlineData("/healthz*", "/healthzz", true)]
    [InlineData("/healthz/*", "/healthz", false)]
    [InlineData("/healthz/*", "/healthz/etcd/x", true)]
    [InlineData("/api*", "/apis/apps", true)]
    public void NonResourceUrlMatches_is_exact_or_prefix_with_trailing_star(string ruleUrl, string path, bool expected)
    {
        Assert.Equal(expected, RuleMatching.NonResourceUrlMatches(Urls([ruleUrl], ["get"]), path));
    }

    [Fact]
    public void Verbs_and_groups_match_exactly_or_by_star()
    {
        var rule = Rule(["apps"], ["deployments"], ["get"]);

        Assert.True(RuleMatching.VerbMatches(rule, "get"));
        Assert.False(RuleMatching.VerbMatches(rule, "GET"));
        Assert.True(RuleMatching.VerbMatches(Rule(["apps"], ["deployments"], ["*"]), "escalate"));
        Assert.True(RuleMatching.ApiGroupMatches(rule, "apps"));
        Assert.False(RuleMatching.ApiGroupMatches(rule, ""));
        Assert.True(RuleMatching.ApiGroupMatches(Rule(["*"], ["x"], ["get"]), ""));
    }

    [Fact]
    public void A_rule_without_resourceNames_matches_any_name_and_none()
    {
        var rule = Rule([""], ["secrets"], ["get"]);

        Assert.True(RuleMatching.ResourceNameMatches(rule, "x"));
        Assert.True(RuleMatching.ResourceNameMatches(rule, ""));
        Assert.False(RuleMatching.ResourceNameMatches(Rule([""], ["secrets"], ["get"], ["x"]), ""));
    }

    [Fact]
    public void Resource_rules_do_not_allow_url_requests_and_url_rules_do_not_allow_resource_requests()
    {
        var resourceRule = Rule(["*"], ["*"], ["*"]);
        var urlRule = Urls(["*"], ["*"]);

        Assert.False(RuleMatching.RuleAllows(resourceRule, AuthorizationRequest.ForNonResource("get", "/healthz")));
        Assert.False(RuleMatching.RuleAllows(urlRule, AuthorizationRequest.ForResource("get", "", "pods", "ns", "p")));
        Assert.True(RuleMatching.RulesAllow([urlRule, resourceRule], AuthorizationRequest.ForResource("get", "", "pods", "ns", "p")));
    }
}
