namespace ComplianceScanner.Core.Diff;

/// <summary>What happened to an object between two snapshots.</summary>
public enum ObjectChangeKind
{
    Added = 0,
    Removed = 1,
    Modified = 2,
}
