namespace ComplianceScanner.Deploy.Tests.Kustomize;

/// <summary>A patch target: the objects whose group, version, kind, name and namespace match (absent: any).</summary>
public sealed class PatchTarget
{
    public string? Group { get; set; }

    public string? Version { get; set; }

    public string? Kind { get; set; }

    public string? Name { get; set; }

    public string? Namespace { get; set; }
}
