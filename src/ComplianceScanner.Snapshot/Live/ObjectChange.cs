using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// One object that changed since the last signal: as it was before (null when added) and as it is now (null when
/// deleted). Several events for the same object within one quiet period are merged into one change.
/// </summary>
public sealed record ObjectChange(ObjectReference Reference, ChangeType Type, KubeObject? Before, KubeObject? After)
{
    /// <summary>The later change applied on top of this one, or null when the two cancel out (added, then deleted).</summary>
    internal ObjectChange? Then(ObjectChange later) => (Before, later.After) switch
    {
        (null, null) => null,
        (null, _) => new ObjectChange(Reference, ChangeType.Added, null, later.After),
        (_, null) => new ObjectChange(Reference, ChangeType.Deleted, Before, null),
        _ => new ObjectChange(Reference, ChangeType.Modified, Before, later.After),
    };
}
