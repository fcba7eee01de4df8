using ComplianceScanner.Alerting;
using ComplianceScanner.Rendering;
using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Agent.PostScan;

/// <summary>
/// After each recorded scan: writes its finding transitions to the store's alert outbox and delivers what is due, the
/// same service <c>scan --store</c> calls. Receivers that fail keep their alerts in the outbox for
/// <see cref="AlertRedelivery"/> and the next scan.
/// </summary>
internal sealed class AlertsHandler(AgentOptions options, IHttpClientFactory http, ILogger<AlertsHandler> logger) : IScanCompletedHandler
{
    public const string HttpClientName = "alerts";

    public async Task OnScanCompletedAsync(AgentScanResult result, CancellationToken cancellationToken)
    {
        if (Dispatcher(options, http) is not { } dispatcher || result.Recorded is null)
        {
            return;
        }

        await dispatcher.EnqueueAsync(result.Report, result.Recorded, cancellationToken).ConfigureAwait(false);
        var delivered = await dispatcher.DeliverPendingAsync(cancellationToken).ConfigureAwait(false);
        AgentLog.AlertsDelivered(logger, result.Recorded.Scan.Id, delivered.Summary());
    }

    /// <summary>The dispatcher over the agent's store and templates; null when no sink is configured or there is no store.</summary>
    public static AlertDispatcher? Dispatcher(AgentOptions options, IHttpClientFactory http)
    {
        if (options.Config.Alerts is not { Sinks.IsEmpty: false } alerts || options.StorePath is null)
        {
            return null;
        }

        return new AlertDispatcher(alerts, TemplateSet.FromDirectory(options.TemplatesDirectory), options.StorePath, http.CreateClient(HttpClientName), options.Time);
    }
}
