namespace ComplianceScanner.Deploy.Tests.Kustomize;

/// <summary>Generator options: deploy/ always disables the name hash (the scanner's config names its ConfigMap).</summary>
public sealed class GeneratorOptionsSpec
{
    public bool DisableNameSuffixHash { get; set; }

    public Dictionary<string, string> Labels { get; set; } = [];
}
