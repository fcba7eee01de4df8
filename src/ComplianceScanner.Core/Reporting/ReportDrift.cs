using System.Collections.Immutable;

namespace ComplianceScanner.Core.Reporting;

/// <summary>
/// "Since last scan": how this scan differs from the previous complete scan of the same cluster in the history store.
/// Present only when the scan was recorded in a store.
/// </summary>
public sealed record ReportDrift
{
    /// <summary>This scan's id in the history store.</summary>
    public long? ScanId { get; init; }

    /// <summary>The scan compared with; null for the first recorded scan (the baseline, nothing to compare).</summary>
    public ReportDriftBaseline? Previous { get; init; }

    /// <summary>False when this scan is incomplete: then no finding is reported resolved, no object removed, no duty or permission lost.</summary>
    public bool Complete { get; init; } = true;

    public ImmutableArray<ReportDriftFinding> New { get; init; } = [];

    public ImmutableArray<ReportDriftFinding> Resolved { get; init; } = [];

    public ImmutableArray<ReportDriftFinding> Reopened { get; init; } = [];

    /// <summary>Open in the previous scan, covered by an exception now.</summary>
    public ImmutableArray<ReportDriftFinding> Excepted { get; init; } = [];

    public int Unchanged { get; init; }

    /// <summary>False when the previous scan's snapshot is no longer retained (or there is no previous scan).</summary>
    public bool ObjectsCompared { get; init; }

    public ImmutableArray<ReportObjectChange> ObjectChanges { get; init; } = [];

    /// <summary>Duties gained or lost per subject and scope: the readable summary of <see cref="PermissionChanges"/>.</summary>
    public ImmutableArray<ReportDutyChange> DutyChanges { get; init; } = [];

    public ImmutableArray<ReportPermissionChange> PermissionChanges { get; init; } = [];
}
