using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Snapshot;
using static ComplianceScanner.Core.Tests.Diff.DiffSamples;

namespace ComplianceScanner.Core.Tests.Diff;

public sealed class DutyDriftTests
{
    private static readonly ScannerConfig Config = new()
    {
        Teams =
        [
            new TeamDefinition { Name = "shop", Subjects = [Subject.Group("team-shop")], Namespaces = ["shop"], Duties = ["route-editing"] },
        ],
    };

    private static readonly RbacRole IngressEditor = new()
    {
        Metadata = new ObjectMeta { Name = "ingress-editor" },
        Rules = [new PolicyRule { ApiGroups = ["networking.k8s.io"], Resources = ["ingresses"], Verbs = ["get", "create", "update"] }],
    };

    private static readonly RbacRole Viewer = new()
    {
        Metadata = new ObjectMeta { Name = "viewer" },
        Rules = [new PolicyRule { ApiGroups = ["networking.k8s.io"], Resources = ["ingresses"], Verbs = ["get", "list"] }],
    };

    private static readonly DriftBaseline Baseline = new(1, T1, T1.AddSeconds(2), true);

    private static RbacBinding Binding(string name, string? ns, string role, params Subject[] subjects) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        RoleRef = new RoleRef("ClusterRole", role),
        Subjects = [.. subjects],
    };

    private static ClusterSnapshot Snapshot(params RbacBinding[] bindings) => new()
    {
        Namespaces = [new NamespaceObject { Metadata = new ObjectMeta { Name = "shop" } }, new NamespaceObject { Metadata = new ObjectMeta { Name = "billing" } }],
        ClusterRoles = [IngressEditor, Viewer],
        RoleBindings = [.. bindings.Where(b => !b.IsClusterBinding)],
        ClusterRoleBindings = [.. bindings.Where(b => b.IsClusterBinding)],
    };

    private static DutyAnalysis Analyse(ClusterSnapshot snapshot) =>
        DutyAnalysis.Build(Config, PermissionIndex.Build(snapshot), new NamespaceOwnership(Config, snapshot.Namespaces), snapshot);

    private static IEnumerable<string> Changes(ClusterSnapshot before, ClusterSnapshot after) =>
        DutyDrift.Compare(Analyse(before), Analyse(after)).Select(c => c.ToString());

    [Fact]
    public void New_RoleBinding_to_a_role_covering_route_editing_shows_gained_route_editing_in_its_namespace()
    {
        var before = Snapshot();
        var after = Snapshot(Binding("ci-ingress", "billing", "ingress-editor", Subject.ServiceAccount("billing", "ci")));

        Assert.Equal(["ServiceAccount:billing/ci gained route-editing in billing: NOT allowed (undeclared)"], Changes(before, after));
    }

    [Fact]
    public void Team_gaining_a_declared_duty_in_its_own_namespace_is_allowed_and_in_another_namespace_is_not()
    {
        var before = Snapshot();
        var after = Snapshot(
            Binding("shop-ingress", "shop", "ingress-editor", Subject.Group("team-shop")),
            Binding("billing-ingress", "billing", "ingress-editor", Subject.Group("team-shop")));

        var changes = DutyDrift.Compare(Analyse(before), Analyse(after));

        Assert.Equal(
            [
                "Group:team-shop gained route-editing in billing: NOT allowed (team shop)",
                "Group:team-shop gained route-editing in shop: allowed (team shop)",
            ],
            changes.Select(c => c.ToString()));
        Assert.All(changes, c => Assert.Equal(("namespace", "shop"), (c.Layer, c.Team)));
    }

    [Fact]
    public void Removed_RoleBinding_shows_lost_route_editing_with_the_verdict_it_had()
    {
        var before = Snapshot(Binding("shop-ingress", "shop", "ingress-editor", Subject.Group("team-shop")));
        var after = Snapshot();

        var change = Assert.Single(DutyDrift.Compare(Analyse(before), Analyse(after)));

        Assert.Equal("Group:team-shop lost route-editing in shop: allowed (team shop)", change.ToString());
        Assert.False(change.Gained);
        Assert.True(change.Allowed);
    }

    [Fact]
    public void Same_duties_through_another_binding_or_a_read_only_role_are_no_change()
    {
        var before = Snapshot(Binding("a", "shop", "ingress-editor", Subject.Group("team-shop")));
        var after = Snapshot(
            Binding("b", "shop", "ingress-editor", Subject.Group("team-shop")),
            Binding("readers", "shop", "viewer", Subject.ServiceAccount("shop", "ci")));

        Assert.Empty(Changes(before, after));
    }

    [Fact]
    public void Moving_from_namespaced_to_cluster_wide_is_one_gain_and_the_namespace_is_not_lost()
    {
        var before = Snapshot(Binding("shop-ingress", "shop", "ingress-editor", Subject.Group("team-shop")));
        var after = Snapshot(Binding("everywhere", null, "ingress-editor", Subject.Group("team-shop")));

        Assert.Equal(["Group:team-shop gained route-editing cluster-wide: NOT allowed (team shop)"], Changes(before, after));
        Assert.Equal(["Group:team-shop lost route-editing cluster-wide: NOT allowed (team shop)"], Changes(after, before));
    }

    [Fact]
    public void Drift_calculator_reports_duty_changes_only_with_a_config_and_no_losses_for_an_incomplete_snapshot()
    {
        var before = Snapshot(Binding("shop-ingress", "shop", "ingress-editor", Subject.Group("team-shop")));
        var after = Snapshot(Binding("ci-ingress", "billing", "ingress-editor", Subject.ServiceAccount("billing", "ci")));

        var withConfig = DriftCalculator.Compute(Baseline, [], _ => false, before, [], after, true, config: Config);
        var withoutConfig = DriftCalculator.Compute(Baseline, [], _ => false, before, [], after, true);
        var incomplete = DriftCalculator.Compute(
            Baseline, [], _ => false, before, [], after with { Missing = [new MissingKind("roles.rbac.authorization.k8s.io", "forbidden")] }, false, config: Config);

        Assert.Equal(
            [
                "Group:team-shop lost route-editing in shop: allowed (team shop)",
                "ServiceAccount:billing/ci gained route-editing in billing: NOT allowed (undeclared)",
            ],
            withConfig.DutyChanges.Select(c => c.ToString()));
        Assert.Empty(withoutConfig.DutyChanges);
        Assert.NotEmpty(withoutConfig.PermissionChanges);
        Assert.Equal(["ServiceAccount:billing/ci gained route-editing in billing: NOT allowed (undeclared)"], incomplete.DutyChanges.Select(c => c.ToString()));
    }
}
