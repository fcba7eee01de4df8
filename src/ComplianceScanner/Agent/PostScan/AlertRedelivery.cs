using ComplianceScanner.Alerting;
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
        if (options.Config.Alerts is not { Sinks.IsEmpty: false } || options.StorePath is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, options.Time);
        AlertDispatcher? dispatcher = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!state.IsLeader || state.Latest is null)
                {
                    continue;
                }

                try
                {
                    // Created on first use and again after a failure, so a template mounted late or a store that was
                    // briefly locked is picked up on the next tick.
                    dispatcher ??= AlertsHandler.Dispatcher(options, http);
                    if (dispatcher is null || dispatcher.PendingCount() == 0)
                    {
                        continue;
                    }

                    var result = await dispatcher.DeliverPendingAsync(stoppingToken).ConfigureAwait(false);
                    AgentLog.AlertsRedelivered(logger, result.Summary());
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // An exception escaping a BackgroundService stops the whole agent; a store or template problem is logged and retried next tick.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    dispatcher = null;
                    AgentLog.HandlerFailed(logger, nameof(AlertRedelivery), e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what was not delivered stays in the outbox.
        }
    }
}
