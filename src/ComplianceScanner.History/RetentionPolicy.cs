namespace ComplianceScanner.History;

/// <summary>
/// How long scans are kept, per cluster: at most <see cref="Scans"/> scans, none older than <see cref="Days"/> days.
/// The newest scan and the newest complete scan are always kept (the next scan's drift baseline).
/// </summary>
public sealed record RetentionPolicy(int Scans, int Days)
{
    public static RetentionPolicy Default { get; } = new(Core.Layers.StoreSettings.DefaultRetentionScans, Core.Layers.StoreSettings.DefaultRetentionDays);
}
