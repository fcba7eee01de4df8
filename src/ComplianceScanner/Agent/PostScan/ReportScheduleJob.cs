using Microsoft.Extensions.Logging;
using Quartz;

namespace ComplianceScanner.Agent.PostScan;

/// <summary>
/// One <c>reports.schedules</c> entry on its cron: sends the window that starts at this firing, once per window (the
/// store's delivery claim keeps a second replica or a restart from sending it again).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ReportScheduleJob(ReportDeliveries deliveries, ILogger<ReportScheduleJob> logger) : IJob
{
    public const string ScheduleKey = "schedule";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (deliveries.Service is not { } service)
        {
            return;
        }

        var schedule = context.MergedJobDataMap.GetString(ScheduleKey)!;
        var window = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var result = await service.RunAsync(schedule, window, cancellationToken).ConfigureAwait(false);
        AgentLog.ReportsDelivered(logger, schedule, window, result.ToString() ?? string.Empty);
    }
}
