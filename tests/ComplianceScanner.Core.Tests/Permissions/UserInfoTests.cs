using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Tests.Permissions;

public sealed class UserInfoTests
{
    [Fact]
    public void A_user_subject_is_authenticated()
    {
        Assert.Equal(new UserInfo("alice", ["system:authenticated"]), UserInfo.ForSubject(Subject.User("alice")));
    }

    [Fact]
    public void A_service_account_gets_the_service_account_groups()
    {
        var user = UserInfo.ForSubject(Subject.ServiceAccount("shop", "deployer"));

        Assert.Equal("system:serviceaccount:shop:deployer", user.Name);
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:shop", "system:authenticated"], user.Groups.AsEnumerable());
    }

    [Fact]
    public void Anonymous_is_unauthenticated_only()
    {
        Assert.Equal(UserInfo.Anonymous, UserInfo.ForSubject(Subject.User("system:anonymous")));
        Assert.Equal(["system:unauthenticated"], UserInfo.Anonymous.Groups.AsEnumerable());
    }

    [Fact]
    public void A_group_subject_is_an_authenticated_member_without_name()
    {
        Assert.Equal(new UserInfo("", ["team", "system:authenticated"]), UserInfo.ForSubject(Subject.Group("team")));
        Assert.Equal(new UserInfo("", ["system:unauthenticated"]), UserInfo.ForSubject(Subject.Group("system:unauthenticated")));
        Assert.Equal(new UserInfo("", ["system:authenticated"]), UserInfo.ForSubject(Subject.Group("system:authenticated")));
    }

    [Fact]
    public void Authenticated_keeps_explicit_groups_and_adds_no_duplicates()
    {
        var user = UserInfo.Authenticated("bob", ["dev", "dev", "system:masters"]);

        Assert.Equal(["dev", "system:masters", "system:authenticated"], user.Groups.AsEnumerable());
        Assert.True(user.IsSystemMaster);
    }

    [Theory]
    [InlineData("system:serviceaccount:ns:name", true, "ns", "name")]
    [InlineData("system:serviceaccount:ns", false, "", "")]
    [InlineData("system:serviceaccount:ns:a:b", false, "", "")]
    [InlineData("system:serviceaccount::name", false, "", "")]
    [InlineData("alice", false, "", "")]
    public void TrySplitServiceAccount_accepts_exactly_namespace_and_name(string userName, bool ok, string ns, string name)
    {
        Assert.Equal(ok, UserInfo.TrySplitServiceAccount(userName, out var actualNs, out var actualName));
        Assert.Equal((ns, name), (actualNs, actualName));
    }

    [Fact]
    public void Invalid_subjects_are_rejected_with_a_message()
    {
        Assert.Contains("no namespace", Assert.Throws<ArgumentException>(() => UserInfo.ForSubject(new Subject("ServiceAccount", "x"))).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown subject kind", Assert.Throws<ArgumentException>(() => UserInfo.ForSubject(new Subject("Robot", "x"))).Message, StringComparison.Ordinal);
    }
}
