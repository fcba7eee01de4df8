using System.Collections.Immutable;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Layers;

/// <summary>
/// The <c>scanner:</c> section: the scanner's own objects in the cluster. Whoever outside the security layer can change
/// them can exempt themselves from the scan (SOD-RBAC-015).
/// </summary>
public sealed record ScannerSelf
{
    public static ScannerSelf Default { get; } = new();

    /// <summary>The ConfigMaps assumed when none are configured, in each literal namespace of the security layer.</summary>
    public static ImmutableArray<string> DefaultConfigMapNames { get; } = ["compliance-scanner", "compliancescanner-exceptions"];

    /// <summary>The scanner's configuration and exception ConfigMaps; null when <c>scanner.configMaps</c> is absent.</summary>
    public ImmutableArray<ConfigMapName>? ConfigMaps { get; init; }

    /// <summary>
    /// The configured ConfigMaps, or by default <see cref="DefaultConfigMapNames"/> in every namespace of
    /// <c>layers.security.namespaces</c> that is a name rather than a glob; sorted, distinct.
    /// </summary>
    public ImmutableArray<ConfigMapName> EffectiveConfigMaps(LayerDefinition securityLayer)
    {
        ArgumentNullException.ThrowIfNull(securityLayer);
        var maps = ConfigMaps ?? [.. securityLayer.Namespaces
            .Where(ns => !Glob.IsPattern(ns))
            .SelectMany(ns => DefaultConfigMapNames.Select(name => new ConfigMapName(ns, name)))];
        return [.. maps.Distinct().OrderBy(m => m.Namespace, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal)];
    }
}
