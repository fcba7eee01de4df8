using Quartz;

namespace ComplianceScanner.Agent;

/// <summary>
/// The <c>schedule.scan</c> job: a full scan (every kind listed again, watches restarted). Quartz never runs two at
/// once; a firing while a scan is still running waits for it.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ScanJob(FullScanRequests requests) : IJob
{
    public const string Name = "scan";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await requests.RequestAsync(cancellationToken).ConfigureAwait(false);
    }
}
