using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Agent.PostScan;

/// <summary>
/// Retries the alert outbox between scans, on the leader only: a receiver that was down gets every waiting alert once
/// it is back, without waiting for the next scan. The outbox's own backoff decides what is due; this only asks.
/// </summary>
internal sealed class AlertRedelivery(AgentOptions options, AgentState state, IHttpClientFactory http, ILogger<AlertRedelivery> logger) : BackgroundService
{
    /// <summary>How often the outbox is asked for due alerts.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (AlertsHandler.Dispatcher(options, http) is not { } dispatcher)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, options.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!state.IsLeader || state.Latest is null || dispatcher.PendingCount() == 0)
                {
                    continue;
                }

                var result = await dispatcher.DeliverPendingAsync(stoppingToken).ConfigureAwait(false);
                AgentLog.AlertsRedelivered(logger, result.Summary());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what was not delivered stays in the outbox.
        }
    }
}
