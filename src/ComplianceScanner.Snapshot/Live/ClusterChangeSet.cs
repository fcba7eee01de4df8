using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// The watch cache's debounced "changed" signal: every object that changed during the burst (merged per object,
/// sorted by reference) and the cache's snapshot after them, so a rescan can start from the snapshot and recompute
/// only what the changes touch.
/// </summary>
public sealed record ClusterChangeSet
{
    /// <summary>1 for the first signal, then counting up.</summary>
    public required long Sequence { get; init; }

    public required ImmutableArray<ObjectChange> Changes { get; init; }

    /// <summary>The cache's snapshot when the signal was raised; it includes every change listed.</summary>
    public required ClusterSnapshot Snapshot { get; init; }

    /// <summary>Kinds (qualified resources) that were relisted from scratch since the last signal, after their watch history expired.</summary>
    public ImmutableArray<string> RelistedKinds { get; init; } = [];

    /// <summary>The changes to RoleBindings and ClusterRoleBindings: what the permission index must recompute.</summary>
    public IEnumerable<ObjectChange> BindingChanges => Changes.Where(c => c.Before is RbacBinding || c.After is RbacBinding);

    /// <summary>The changes to Roles and ClusterRoles.</summary>
    public IEnumerable<ObjectChange> RoleChanges => Changes.Where(c => c.Before is RbacRole || c.After is RbacRole);
}
