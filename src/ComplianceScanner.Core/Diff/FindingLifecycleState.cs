namespace ComplianceScanner.Core.Diff;

/// <summary>Where a finding stands across scans (its history), as opposed to its state in one scan.</summary>
public enum FindingLifecycleState
{
    /// <summary>Seen in the latest scan that saw it, never resolved before.</summary>
    Open = 0,

    /// <summary>Absent from a later complete scan: fixed, or its object is gone.</summary>
    Resolved = 1,

    /// <summary>Covered by an approved, unexpired exception in the latest scan that saw it.</summary>
    Excepted = 2,

    /// <summary>Open again after having been resolved or excepted (an exception expired or was removed).</summary>
    Reopened = 3,

    /// <summary>About a built-in or vendor identity: tracked, but filtered from counts as in reports.</summary>
    Builtin = 4,
}
