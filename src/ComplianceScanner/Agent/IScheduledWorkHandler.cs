namespace ComplianceScanner.Agent;

/// <summary>
/// Work run on the <c>schedule.reports</c> or <c>schedule.bundles</c> cron schedule, on the leader only, with the
/// latest finished scan (the job is skipped, and logged, before the first scan). Register implementations in
/// <see cref="AgentExtensions.AddPostScanWork"/>.
/// </summary>
internal interface IScheduledWorkHandler
{
    /// <summary>Which schedule runs this handler.</summary>
    ScheduledWork Work { get; }

    Task RunAsync(AgentScanResult latest, CancellationToken cancellationToken);
}
