namespace ComplianceScanner.Agent;

/// <summary>Work the agent runs on a <c>schedule:</c> cron schedule other than full scans.</summary>
internal enum ScheduledWork
{
    /// <summary><c>schedule.reports</c>: report generation from the latest scan.</summary>
    Reports,

    /// <summary><c>schedule.bundles</c>: evidence bundles from the latest scan.</summary>
    Bundles,
}
