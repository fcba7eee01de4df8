namespace ComplianceScanner.Agent;

/// <summary>What started an agent scan.</summary>
internal enum ScanTrigger
{
    /// <summary>The first full scan after this replica started leading.</summary>
    Startup,

    /// <summary>The <c>schedule.scan</c> cron schedule: every kind listed again, every watch restarted.</summary>
    Schedule,

    /// <summary>A debounced burst of watched changes.</summary>
    Watch,
}
