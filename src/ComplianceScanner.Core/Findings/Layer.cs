namespace ComplianceScanner.Core.Findings;

/// <summary>The responsibility layers of the layer model.</summary>
public static class Layer
{
    public const string Cluster = "cluster";
    public const string Security = "security";
    public const string Namespace = "namespace";

    /// <summary>Not declared in any layer.</summary>
    public const string Undeclared = "undeclared";

    public static IReadOnlyList<string> All { get; } = [Cluster, Security, Namespace];
}
