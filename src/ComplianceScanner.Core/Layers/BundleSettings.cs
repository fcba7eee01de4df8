namespace ComplianceScanner.Core.Layers;

/// <summary>
/// <c>agent.bundles: {directory, keep, key}</c>: the evidence bundles the agent writes on <c>schedule.bundles</c>.
/// Null paths mean "beside the history store": <c>bundles/</c> and the store's default signing key.
/// </summary>
public sealed record BundleSettings
{
    public static BundleSettings Default { get; } = new();

    /// <summary>The directory bundles are written to (absolute); null: <c>bundles/</c> beside the store.</summary>
    public string? Directory { get; init; }

    /// <summary>How many bundle files are kept; older ones are deleted after each new bundle.</summary>
    public int Keep { get; init; } = 90;

    /// <summary>The private signing key (PEM, absolute path); null: the default key beside the store, created on first use.</summary>
    public string? KeyPath { get; init; }
}
