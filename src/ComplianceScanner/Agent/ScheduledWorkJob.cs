using Microsoft.Extensions.Logging;
using Quartz;

namespace ComplianceScanner.Agent;

/// <summary>
/// The <c>schedule.reports</c> and <c>schedule.bundles</c> jobs: run the <see cref="IScheduledWorkHandler"/>s
/// registered for that schedule with the latest scan.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ScheduledWorkJob(AgentState state, IEnumerable<IScheduledWorkHandler> handlers, ILogger<ScheduledWorkJob> logger) : IJob
{
    public const string WorkKey = "work";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var work = Enum.Parse<ScheduledWork>(context.MergedJobDataMap.GetString(WorkKey)!);
        var name = work.ToString().ToLowerInvariant();
        if (state.Latest is not { } latest)
        {
            AgentLog.ScheduledWorkSkipped(logger, name);
            return;
        }

        var due = handlers.Where(h => h.Work == work).ToList();
        AgentLog.ScheduledWork(logger, name, due.Count);
        foreach (var handler in due)
        {
            try
            {
                await handler.RunAsync(latest, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One failing handler must not stop the others; it is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                AgentLog.HandlerFailed(logger, handler.GetType().Name, e);
            }
        }
    }
}
