using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Delivery;

/// <summary>
/// The agent's <see cref="IReportSource"/>: after each recorded scan it calls <see cref="Set"/> with the scan's id and
/// report, and scheduled deliveries use that report without rebuilding it. Until the first scan it falls back to
/// <paramref name="fallback"/> (e.g. a <see cref="StoredReportSource"/> over the store, for a restarted agent), if any.
/// Thread-safe: Quartz jobs read it while the scan loop writes it.
/// </summary>
public sealed class LatestReportHolder(IReportSource? fallback = null) : IReportSource
{
    private LatestReport? latest;

    /// <summary>Makes the scan's report the one delivered from now on.</summary>
    public void Set(long scanId, ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Volatile.Write(ref latest, new LatestReport(scanId, report));
    }

    public Task<LatestReport?> LatestAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref latest) is { } current
            ? Task.FromResult<LatestReport?>(current)
            : fallback?.LatestAsync(cancellationToken) ?? Task.FromResult<LatestReport?>(null);
}
