using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;
using static ComplianceScanner.Core.Tests.Diff.DiffSamples;

namespace ComplianceScanner.Core.Tests.Diff;

public sealed class DriftCalculatorTests
{
    private static readonly RbacBinding Binding = new()
    {
        Metadata = new ObjectMeta { Name = "editors", Namespace = "shop" },
        RoleRef = new RoleRef("ClusterRole", "edit"),
        Subjects = [Subject.Group("team-shop")],
    };

    private static readonly RbacRole Edit = new()
    {
        Metadata = new ObjectMeta { Name = "edit" },
        Rules = [new PolicyRule { ApiGroups = ["networking.k8s.io"], Resources = ["ingresses"], Verbs = ["update"] }],
    };

    private static readonly DriftBaseline Baseline = new(1, T1, T1.AddSeconds(2), true);

    [Fact]
    public void Without_baseline_nothing_is_compared()
    {
        var drift = DriftCalculator.Compute(null, [], _ => false, null, [Finding("a")], ClusterSnapshot.Empty, true);

        Assert.Null(drift.Baseline);
        Assert.Empty(drift.Findings.New);
        Assert.False(drift.ObjectsCompared);
    }

    [Fact]
    public void Snapshot_that_missed_a_kind_claims_no_removed_object_and_no_lost_permission()
    {
        var before = new ClusterSnapshot { ClusterRoles = [Edit], RoleBindings = [Binding] };
        var after = new ClusterSnapshot { ClusterRoles = [Edit], Missing = [new MissingKind("rolebindings.rbac.authorization.k8s.io", "forbidden")] };

        var drift = DriftCalculator.Compute(Baseline, [], _ => false, before, [], after, currentComplete: false);
        var complete = DriftCalculator.Compute(Baseline, [], _ => false, before, [], after with { Missing = [] }, currentComplete: true);

        Assert.True(drift.ObjectsCompared);
        Assert.Empty(drift.ObjectChanges);
        Assert.Empty(drift.PermissionChanges);
        Assert.Equal(ObjectChangeKind.Removed, Assert.Single(complete.ObjectChanges).Change);
        Assert.False(Assert.Single(complete.PermissionChanges).Gained);
    }

    [Fact]
    public void Baseline_without_snapshot_compares_findings_only()
    {
        var drift = DriftCalculator.Compute(Baseline, [Finding("a")], _ => false, null, [], ClusterSnapshot.Empty, true);

        Assert.False(drift.ObjectsCompared);
        Assert.Single(drift.Findings.Resolved);
    }
}
