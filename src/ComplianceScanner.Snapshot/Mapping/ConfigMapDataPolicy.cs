namespace ComplianceScanner.Snapshot.Mapping;

/// <summary>
/// Which ConfigMaps keep their data in a snapshot: the ingress controller's configuration (it decides whether snippet
/// annotations are honoured) and the scanner's own configuration and exceptions. Every other ConfigMap keeps metadata
/// only, so application configuration is never copied into snapshots, reports or history.
/// </summary>
internal static class ConfigMapDataPolicy
{
    public const string ComponentLabel = "app.kubernetes.io/component";

    private static readonly HashSet<string> RetainedNames = new(StringComparer.Ordinal)
    {
        "ingress-nginx-controller",
        "nginx-configuration",
        "compliance-scanner",
        "compliancescanner-exceptions",
    };

    public static bool Retains(string name, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(labels);
        return RetainedNames.Contains(name)
            || name.EndsWith("-ingress-nginx-controller", StringComparison.Ordinal)
            || (labels.TryGetValue(ComponentLabel, out var component) && string.Equals(component, "controller", StringComparison.Ordinal));
    }
}
