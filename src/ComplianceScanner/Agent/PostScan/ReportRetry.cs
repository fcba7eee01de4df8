using Microsoft.Extensions.Hosting;

namespace ComplianceScanner.Agent.PostScan;

/// <summary>
/// Retries e-mail reports whose send failed, on the leader only, about every minute; the delivery store's backoff
/// decides which are due.
/// </summary>
internal sealed class ReportRetry(AgentOptions options, AgentState state, ReportDeliveries deliveries) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (deliveries.Service is not { } service)
        {
            return;
        }

        using var timer = new PeriodicTimer(AlertRedelivery.Interval, options.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (state.IsLeader && service.PendingCount() > 0)
                {
                    await service.RetryDueAsync(stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: pending deliveries stay in the store for the next leader.
        }
    }
}
