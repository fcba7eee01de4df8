using System.Collections.Immutable;

namespace ComplianceScanner.Core.Reporting;

/// <summary>
/// One recorded scan in the report's trend (schema 1.2): its counts as the history store kept them, so a report can
/// show how open findings developed over recent scans without reading the store again.
/// </summary>
public sealed record ReportTrendPoint
{
    /// <summary>The scan's id in the history store.</summary>
    public required long ScanId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>False for an incomplete scan: its counts cover only what could be read.</summary>
    public bool Complete { get; init; } = true;

    public int Total { get; init; }

    public int Open { get; init; }

    public int Excepted { get; init; }

    /// <summary>Open findings per severity: critical, high, medium, low, info.</summary>
    public ImmutableArray<ReportCount> BySeverity { get; init; } = [];
}
