using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Snapshot;
using static ComplianceScanner.Core.Tests.Permissions.Rbac;

namespace ComplianceScanner.Core.Tests.Permissions;

public sealed partial class PermissionIndexTests
{
    private static readonly PermissionIndex BindingsIndex = PermissionIndex.Build(new ClusterSnapshot
    {
        ClusterRoles = [ClusterRole("reader", Rule([""], ["pods"], ["get"])), ClusterRole("empty")],
        Roles = [Role("shop", "local", Rule([""], ["configmaps"], ["get"]))],
        ClusterRoleBindings =
        [
            Crb("crb-reader", "ClusterRole", "reader", Subject.Group("team"), Subject.ServiceAccount("ci", "bot")),
            Crb("crb-empty", "ClusterRole", "empty", Subject.Group("team")),
            Crb("crb-missing", "ClusterRole", "nope", Subject.Group("team")),
        ],
        RoleBindings =
        [
            Rb("shop", "rb-local", "Role", "local", Subject.Group("team"), Subject.Group("team")),

            // The same service account twice, as a ServiceAccount (namespace defaulted) and as its user name.
            Rb("ci", "rb-both", "ClusterRole", "reader", new Subject(Subject.ServiceAccountKind, "bot"), Subject.User("system:serviceaccount:ci:bot")),
        ],
    });

    [Fact]
    public void BindingsOf_lists_every_binding_naming_the_subject_with_its_role_dangling_and_empty_ones_included()
    {
        var bindings = BindingsIndex.BindingsOf(Subject.Group("team"));

        Assert.Equal(["crb-empty", "crb-missing", "crb-reader", "shop/rb-local"], bindings.Select(b => b.Binding.Metadata.QualifiedName));
        Assert.Null(bindings[1].Role);
        Assert.Equal(DanglingReason.ClusterRoleNotFound, bindings[1].Dangling!.Reason);
        Assert.Equal("ClusterRole/empty", bindings[0].Role!.DisplayName);
        Assert.Equal("namespace shop", bindings[3].Scope);
        Assert.True(bindings[2].IsClusterWide);
    }

    [Fact]
    public void BindingsOf_a_service_account_matches_its_user_name_and_reports_the_entry_that_applies()
    {
        var asServiceAccount = BindingsIndex.BindingsOf(Subject.ServiceAccount("ci", "bot"));
        var asUser = BindingsIndex.BindingsOf(Subject.User("system:serviceaccount:ci:bot"));

        Assert.Equal(["crb-reader", "ci/rb-both"], asServiceAccount.Select(b => b.Binding.Metadata.QualifiedName));
        Assert.Equal(asServiceAccount.ToArray(), asUser.ToArray());
        Assert.Equal(Subject.ServiceAccount("ci", "bot"), asServiceAccount[1].Subject);
    }

    [Fact]
    public void AllSubjectBindings_is_the_union_of_BindingsOf_over_all_subjects()
    {
        var all = BindingsIndex.AllSubjectBindings()
            .Select(b => $"{b.Subject} {b.Binding.Reference}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var union = BindingsIndex.Subjects
            .SelectMany(s => BindingsIndex.BindingsOf(s).Where(b => b.Subject.Equals(s)))
            .Select(b => $"{b.Subject} {b.Binding.Reference}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(union, all);
        Assert.Equal(6, all.Count);
    }
}
