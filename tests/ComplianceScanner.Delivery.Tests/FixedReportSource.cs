namespace ComplianceScanner.Delivery.Tests;

/// <summary>The report the agent has in memory after a scan: returned as is.</summary>
internal sealed class FixedReportSource(LatestReport? latest) : IReportSource
{
    public LatestReport? Latest { get; set; } = latest;

    public Task<LatestReport?> LatestAsync(CancellationToken cancellationToken) => Task.FromResult(Latest);
}
