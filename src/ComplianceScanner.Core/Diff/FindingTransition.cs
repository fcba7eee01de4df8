namespace ComplianceScanner.Core.Diff;

/// <summary>How a finding moved between two scans.</summary>
public enum FindingTransition
{
    /// <summary>Never seen before.</summary>
    New = 0,

    /// <summary>In both scans, in the same standing.</summary>
    Unchanged = 1,

    /// <summary>In the earlier scan, absent from the later complete one.</summary>
    Resolved = 2,

    /// <summary>Open now; earlier resolved, or excepted by an exception that has since expired or been removed.</summary>
    Reopened = 3,

    /// <summary>Open before, covered by an exception now.</summary>
    Excepted = 4,
}
