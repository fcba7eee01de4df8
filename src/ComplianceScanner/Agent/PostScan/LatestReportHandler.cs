namespace ComplianceScanner.Agent.PostScan;

/// <summary>Hands each recorded scan's report to the e-mail schedules, so a report goes out without re-reading the store.</summary>
internal sealed class LatestReportHandler(ReportDeliveries deliveries) : IScanCompletedHandler
{
    public Task OnScanCompletedAsync(AgentScanResult result, CancellationToken cancellationToken)
    {
        if (deliveries.Latest is { } latest && result.Recorded is { } recorded)
        {
            latest.Set(recorded.Scan.Id, result.Report);
        }

        return Task.CompletedTask;
    }
}
