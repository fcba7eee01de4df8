using System.Diagnostics.Metrics;
using ComplianceScanner.Delivery;
using ComplianceScanner.Rendering;

namespace ComplianceScanner.Agent.PostScan;

/// <summary>
/// The agent's scheduled e-mail reports (<c>reports:</c>): one <see cref="ReportDeliveryService"/> over the store, fed
/// with each recorded scan's report (<see cref="Latest"/>, falling back to the store after a restart). Null
/// <see cref="Service"/> when no reports are configured or there is no store.
/// </summary>
internal sealed class ReportDeliveries : IDisposable
{
    public ReportDeliveries(AgentOptions options, IMeterFactory meters)
    {
        if (options.Config.Reports is not { Schedules.IsEmpty: false } || options.StorePath is null)
        {
            return;
        }

        Latest = new LatestReportHolder(new StoredReportSource(options.StorePath, options.Config));
        Service = new ReportDeliveryService(
            options.Config,
            options.StorePath,
            TemplateSet.FromDirectory(options.TemplatesDirectory),
            Latest,
            new ReportDeliveryOptions { Time = options.Time, MeterFactory = meters });
    }

    public ReportDeliveryService? Service { get; }

    public LatestReportHolder? Latest { get; }

    public void Dispose() => Service?.Dispose();
}
