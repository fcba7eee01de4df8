using ComplianceScanner.Agent.PostScan;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceScanner.Agent;

/// <summary>The one place post-scan and scheduled work is plugged into the agent.</summary>
internal static class AgentExtensions
{
    /// <summary>
    /// Registers the agent's post-scan handlers (<see cref="IScanCompletedHandler"/>) and scheduled work
    /// (<see cref="IScheduledWorkHandler"/>). Add new ones here, e.g.
    /// <c>services.AddSingleton&lt;IScanCompletedHandler, AlertsHandler&gt;();</c>, each a thin adapter that calls the
    /// feature's own service with <see cref="AgentScanResult.Report"/> (and the store at <see cref="AgentScanResult.StorePath"/>),
    /// the same service <c>scan --store</c> calls.
    /// </summary>
    public static IServiceCollection AddPostScanWork(this IServiceCollection services)
    {
        services.AddHttpClient(AlertsHandler.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(2));
        services.AddSingleton<IScanCompletedHandler, PolicyReportsHandler>();
        services.AddSingleton<IScanCompletedHandler, AlertsHandler>();
        services.AddHostedService<AlertRedelivery>();
        services.AddSingleton<IScheduledWorkHandler, BundlesHandler>();
        services.AddSingleton<ReportDeliveries>();
        services.AddSingleton<IScanCompletedHandler, LatestReportHandler>();
        services.AddHostedService<ReportRetry>();
        return services;
    }
}
