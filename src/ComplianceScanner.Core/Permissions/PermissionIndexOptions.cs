namespace ComplianceScanner.Core.Permissions;

/// <summary>Options of <see cref="PermissionIndex.Build"/>.</summary>
public sealed record PermissionIndexOptions
{
    public static PermissionIndexOptions Default { get; } = new();

    public AggregatedRulesMode AggregatedRules { get; init; } = AggregatedRulesMode.Union;
}
