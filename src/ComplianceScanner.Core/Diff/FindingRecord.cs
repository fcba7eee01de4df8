using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Diff;

/// <summary>
/// The life of one finding (by fingerprint) in one cluster's history: when it was first and last seen, when it was
/// resolved, and where it stands now. <see cref="Latest"/> is the finding as the last scan that saw it reported it.
/// </summary>
public sealed record FindingRecord
{
    public required ScanFinding Latest { get; init; }

    public required FindingLifecycleState State { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>When a complete scan first missed it; null unless <see cref="State"/> is resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The scan that first saw it.</summary>
    public required long FirstScanId { get; init; }

    /// <summary>The last scan that saw it.</summary>
    public required long LastScanId { get; init; }

    /// <summary>How often it came back after being resolved or excepted.</summary>
    public int TimesReopened { get; init; }

    public string Fingerprint => Latest.Fingerprint;

    /// <summary>True when it counts as open: open or reopened (not resolved, excepted or built-in).</summary>
    public bool IsOpen => State is FindingLifecycleState.Open or FindingLifecycleState.Reopened;

    public Severity Severity => Latest.Severity;
}
