using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Core.Tests.Diff;

public sealed class PermissionDriftTests
{
    private static readonly RbacRole SecretReader = new()
    {
        Metadata = new ObjectMeta { Name = "secret-reader" },
        Rules =
        [
            new PolicyRule { ApiGroups = [""], Resources = ["secrets"], ResourceNames = ["app-tls"], Verbs = ["get"] },
            new PolicyRule { NonResourceUrls = ["/metrics"], Verbs = ["get"] },
        ],
    };

    private static RbacBinding Binding(string name, string? ns, params Subject[] subjects) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        RoleRef = new RoleRef("ClusterRole", "secret-reader"),
        Subjects = [.. subjects],
    };

    private static PermissionIndex Index(params RbacBinding[] bindings) => PermissionIndex.Build(new ClusterSnapshot
    {
        ClusterRoles = [SecretReader],
        RoleBindings = [.. bindings.Where(b => !b.IsClusterBinding)],
        ClusterRoleBindings = [.. bindings.Where(b => b.IsClusterBinding)],
    });

    [Fact]
    public void RoleBinding_grants_tuples_in_its_namespace_without_non_resource_urls()
    {
        var tuples = PermissionDrift.Tuples(Index(Binding("readers", "shop", Subject.Group("team-shop"))));

        Assert.Equal(["Group:team-shop shop: get secrets/app-tls (\"\")"], tuples.Select(t => t.ToString()));
    }

    [Fact]
    public void Moving_a_subject_from_a_RoleBinding_to_a_ClusterRoleBinding_shows_gained_cluster_wide_and_lost_namespaced()
    {
        var before = Index(Binding("readers", "shop", Subject.Group("team-shop")));
        var after = Index(Binding("readers", null, Subject.Group("team-shop")), Binding("ci", "shop", Subject.ServiceAccount("shop", "ci")));

        var changes = PermissionDrift.Compare(before, after);

        Assert.Equal(
            [
                "+ Group:team-shop cluster-wide: get /metrics",
                "+ Group:team-shop cluster-wide: get secrets/app-tls (\"\")",
                "- Group:team-shop shop: get secrets/app-tls (\"\")",
                "+ ServiceAccount:shop/ci shop: get secrets/app-tls (\"\")",
            ],
            changes.Select(c => c.ToString()));
    }

    [Fact]
    public void Same_permissions_through_another_binding_are_no_drift()
    {
        var before = Index(Binding("a", "shop", Subject.Group("team-shop")));
        var after = Index(Binding("b", "shop", Subject.Group("team-shop")));

        Assert.Empty(PermissionDrift.Compare(before, after));
    }
}
