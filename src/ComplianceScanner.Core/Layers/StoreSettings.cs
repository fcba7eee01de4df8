namespace ComplianceScanner.Core.Layers;

/// <summary>
/// <c>store: {path, retention: {scans, days}}</c>: where scan history is kept and for how long. A scan is pruned when it
/// is not among the newest <see cref="RetentionScans"/> scans of its cluster or is older than <see cref="RetentionDays"/>
/// days; the newest scan and the newest complete scan of each cluster are always kept (they are the drift baseline).
/// </summary>
public sealed record StoreSettings
{
    public const string DefaultPath = "data/scanner.db";
    public const int DefaultRetentionScans = 100;
    public const int DefaultRetentionDays = 90;

    /// <summary>The SQLite file, absolute (a relative path in scanner.yaml is resolved against the config file's directory).</summary>
    public required string Path { get; init; }

    public int RetentionScans { get; init; } = DefaultRetentionScans;

    public int RetentionDays { get; init; } = DefaultRetentionDays;
}
