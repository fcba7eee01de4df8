namespace ComplianceScanner.Snapshot.Live;

/// <summary>How an object changed between two signals of the watch cache.</summary>
public enum ChangeType
{
    Added,
    Modified,
    Deleted,
}
