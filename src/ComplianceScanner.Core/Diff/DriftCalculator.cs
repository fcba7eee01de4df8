using System.Collections.Immutable;
using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Core.Diff;

/// <summary>The Diff stage's pure part: everything that changed between an earlier scan and a later one.</summary>
public static class DriftCalculator
{
    private static readonly string[] RbacKinds = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];

    /// <summary>Computes the drift from <paramref name="baseline"/> to the later scan.</summary>
    /// <param name="baseline">The earlier scan, or null when there is none (the result then only says so).</param>
    /// <param name="previousFindings">The earlier scan's findings.</param>
    /// <param name="seenBeforeBaseline">True for fingerprints seen by some scan before the earlier one.</param>
    /// <param name="previousSnapshot">The earlier scan's snapshot; null when no longer retained.</param>
    /// <param name="currentFindings">The later scan's findings.</param>
    /// <param name="currentSnapshot">The later scan's snapshot.</param>
    /// <param name="currentComplete">Whether the later scan read everything and every rule ran.</param>
    /// <param name="currentPermissions">The later snapshot's permission index, when already built.</param>
    /// <param name="config">
    /// The config both snapshots' duties are judged against (the later scan's); null to leave duty changes out.
    /// </param>
    /// <param name="currentDuties">The later snapshot's duty analysis against <paramref name="config"/>, when already built.</param>
    public static ScanDrift Compute(
        DriftBaseline? baseline,
        IEnumerable<ScanFinding> previousFindings,
        Func<string, bool> seenBeforeBaseline,
        ClusterSnapshot? previousSnapshot,
        IEnumerable<ScanFinding> currentFindings,
        ClusterSnapshot currentSnapshot,
        bool currentComplete,
        PermissionIndex? currentPermissions = null,
        ScannerConfig? config = null,
        DutyAnalysis? currentDuties = null)
    {
        ArgumentNullException.ThrowIfNull(currentSnapshot);
        if (baseline is null)
        {
            return new ScanDrift { Complete = currentComplete };
        }

        var drift = new ScanDrift
        {
            Baseline = baseline,
            Complete = currentComplete,
            Findings = FindingDrift.Compare(previousFindings, currentFindings, seenBeforeBaseline, currentComplete),
        };
        if (previousSnapshot is null)
        {
            return drift;
        }

        var objects = ObjectDiff.Compare(previousSnapshot, currentSnapshot);

        // Grants depend only on Roles, ClusterRoles and bindings, and every field the permission index reads is part of
        // the object diff: without an RBAC change there is no permission change, and no index needs building.
        ImmutableArray<PermissionChange> permissions = [];
        ImmutableArray<DutyChange> duties = [];
        if (objects.Any(c => RbacKinds.Contains(c.Object.Kind)))
        {
            var previousIndex = PermissionIndex.Build(previousSnapshot);
            var currentIndex = currentDuties?.Permissions ?? currentPermissions ?? PermissionIndex.Build(currentSnapshot);
            permissions = PermissionDrift.Compare(previousIndex, currentIndex);
            if (config is not null)
            {
                // Both sides judged by the same (current) config, so a change is a change in RBAC, not in scanner.yaml.
                var before = DutyAnalysis.Build(config, previousIndex, new NamespaceOwnership(config, previousSnapshot.Namespaces), previousSnapshot);
                var after = currentDuties ?? DutyAnalysis.Build(config, currentIndex, new NamespaceOwnership(config, currentSnapshot.Namespaces), currentSnapshot);
                duties = DutyDrift.Compare(before, after);
            }
        }

        if (!currentSnapshot.IsComplete)
        {
            // A kind that could not be read looks like every object of it was deleted: claim no removal and no loss.
            objects = [.. objects.Where(c => c.Change != ObjectChangeKind.Removed)];
            permissions = [.. permissions.Where(c => c.Gained)];
            duties = [.. duties.Where(c => c.Gained)];
        }

        return drift with { ObjectsCompared = true, ObjectChanges = objects, PermissionChanges = permissions, DutyChanges = duties };
    }
}
