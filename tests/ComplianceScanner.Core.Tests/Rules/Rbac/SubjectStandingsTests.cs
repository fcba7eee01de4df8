using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules.Rbac;
using static ComplianceScanner.Core.Tests.Rules.Rbac.RbacScan;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

public sealed class SubjectStandingsTests
{
    private static readonly SubjectStandings Standings = new(Context(string.Empty));

    [Fact]
    public void Subjects_are_found_in_their_layer_or_team()
    {
        Assert.True(Standings.Of(Subject.Group("platform-operators")).IsClusterLayer);
        Assert.True(Standings.Of(Subject.ServiceAccount("security", "scanner")).IsSecurityLayer);
        Assert.Equal("team shop", Standings.Of(Subject.Group("team-shop")).Description);
        Assert.True(Standings.Of(Subject.Group("contractors")).IsUndeclared);
        Assert.True(Standings.Of(Subject.User("team-shop")).IsUndeclared);
    }

    [Fact]
    public void A_service_account_named_as_a_user_is_that_service_account()
    {
        Assert.True(Standings.Of(Subject.User("system:serviceaccount:security:scanner")).IsSecurityLayer);
        Assert.True(Standings.Of(new Subject(Subject.GroupKind, "team-shop", "ignored")).Team is not null);
    }

    [Theory]
    [InlineData("team-shop", "shop", true)]
    [InlineData("team-shop", "shop-eu", true)]
    [InlineData("team-shop", "blog", false)]
    [InlineData("team-blog", "blog", true)]
    [InlineData("security-team", "security", true)]
    [InlineData("security-team", "platform", false)]
    [InlineData("platform-operators", "kube-system", true)]
    [InlineData("contractors", "legacy", false)]
    public void Namespaces_are_owned_by_the_team_or_layer(string group, string ns, bool owns)
    {
        Assert.Equal(owns, Standings.Owns(Standings.Of(Subject.Group(group)), ns));
    }

    [Fact]
    public void Team_duties_hold_in_team_namespaces_and_layer_duties_everywhere()
    {
        var shop = Standings.Of(Subject.Group("team-shop"));
        Assert.Equal(["route-editing", "tls-management"], Standings.DutiesAllowed(shop, "shop").Select(d => d.Name));
        Assert.Empty(Standings.DutiesAllowed(shop, "blog"));
        Assert.Empty(Standings.DutiesAllowed(shop, null));

        var security = Standings.Of(Subject.Group("security-team"));
        Assert.Equal(["audit-read", "admission-policy-management", "compliance-scanning"], Standings.DutiesAllowed(security, null).Select(d => d.Name));
        Assert.Empty(Standings.DutiesAllowed(Standings.Of(Subject.Group("contractors")), "legacy"));
    }
}
