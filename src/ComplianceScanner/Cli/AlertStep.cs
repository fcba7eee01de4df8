using ComplianceScanner.Alerting;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Pipeline;
using ComplianceScanner.Rendering;

namespace ComplianceScanner.Cli;

/// <summary>
/// After <c>scan --store DB</c>: writes the scan's alerts to the store's outbox and delivers what is due. A receiver
/// that fails does not fail the scan: its alerts wait in the outbox for the next scan (or the agent).
/// </summary>
internal static class AlertStep
{
    /// <summary>Returns false when the alert configuration is unusable (missing template, URL file or variable); the scan itself stands.</summary>
    public static bool Run(CliEnvironment env, AlertSettings? alerts, ScanOutcome outcome, string? storePath, string templatesDir, CancellationToken ct)
    {
        if (alerts is null || alerts.Sinks.IsEmpty)
        {
            return true;
        }

        if (outcome.Recorded is null || storePath is null)
        {
            env.Error.WriteLine("warning: alerts are configured but not sent: they need a history store (--store DB, or store.path in scanner.yaml).");
            return true;
        }

        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var dispatcher = new AlertDispatcher(alerts, TemplateSet.FromDirectory(templatesDir), storePath, http, env.Time);
            dispatcher.EnqueueAsync(outcome.Report, outcome.Recorded, ct).GetAwaiter().GetResult();
            var result = dispatcher.DeliverPendingAsync(ct).GetAwaiter().GetResult();
            (result.Sinks.Any(s => s.Error is not null) ? env.Error : env.Out).WriteLine(result.Summary());
            return true;
        }
        catch (Exception ex) when (ex is AlertConfigurationException or TemplateRenderException)
        {
            env.Error.WriteLine("error: " + ex.Message);
            return false;
        }
    }
}
