using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Tests.Permissions;

public sealed class ImpersonationTests
{
    [Fact]
    public void A_user_without_groups_is_authenticated()
    {
        Assert.Equal(new UserInfo("alice", ["system:authenticated"]), Impersonation.User("alice"));
    }

    [Fact]
    public void Given_groups_are_kept_and_authenticated_is_added()
    {
        Assert.Equal(new UserInfo("alice", ["team-shop", "ops", "system:authenticated"]), Impersonation.User("alice", ["team-shop", "ops", "team-shop"]));
    }

    [Fact]
    public void A_service_account_without_groups_gets_the_service_account_groups()
    {
        Assert.Equal(
            new UserInfo("system:serviceaccount:ci:deployer", ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"]),
            Impersonation.User("system:serviceaccount:ci:deployer"));
    }

    [Fact]
    public void Given_groups_replace_the_service_account_groups_as_in_the_impersonation_filter()
    {
        Assert.Equal(
            new UserInfo("system:serviceaccount:ci:deployer", ["builders", "system:authenticated"]),
            Impersonation.User("system:serviceaccount:ci:deployer", ["builders"]));
    }

    [Fact]
    public void A_malformed_service_account_name_is_a_plain_user()
    {
        Assert.Equal(new UserInfo("system:serviceaccount:ci", ["system:authenticated"]), Impersonation.User("system:serviceaccount:ci"));
    }

    [Fact]
    public void Anonymous_is_unauthenticated()
    {
        Assert.Equal(UserInfo.Anonymous, Impersonation.User("system:anonymous"));
        Assert.Equal(new UserInfo("system:anonymous", ["x", "system:unauthenticated"]), Impersonation.User("system:anonymous", ["x"]));
    }

    [Theory]
    [InlineData("system:authenticated")]
    [InlineData("system:unauthenticated")]
    public void An_explicit_authentication_group_suppresses_system_authenticated(string group)
    {
        Assert.Equal(new UserInfo("alice", [group]), Impersonation.User("alice", [group]));
    }

    [Fact]
    public void System_masters_is_taken_as_a_group()
    {
        Assert.True(Impersonation.User("root", ["system:masters"]).IsSystemMaster);
    }
}
