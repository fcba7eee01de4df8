namespace ComplianceScanner.Core.Layers;

/// <summary>
/// <c>schedule: {scan, reports, bundles}</c>: when the agent runs a full scan, generates reports and builds evidence
/// bundles. Each is a Quartz cron expression (seconds first: <c>"0 */15 * * * ?"</c>) validated when the config is
/// loaded; null when that work is not scheduled. Only the agent reads this section; <c>scan</c> ignores it.
/// </summary>
public sealed record ScheduleSettings
{
    /// <summary>Every hour on the hour: the full rescan that also refreshes the kinds that are not watched.</summary>
    public const string DefaultScan = "0 0 * * * ?";

    public static ScheduleSettings Default { get; } = new();

    /// <summary>Full scans: every kind listed again, every watch restarted.</summary>
    public string? Scan { get; init; } = DefaultScan;

    /// <summary>Report generation from the latest scan (handlers plugged into the agent); null: not scheduled.</summary>
    public string? Reports { get; init; }

    /// <summary>Evidence bundles from the latest scan (handlers plugged into the agent); null: not scheduled.</summary>
    public string? Bundles { get; init; }
}
