namespace ComplianceScanner.Deploy.Tests.Kustomize;

/// <summary>A <c>patches</c> entry: an inline JSON 6902 patch and the objects it applies to.</summary>
public sealed class KustomizationPatch
{
    public string? Patch { get; set; }

    public string? Path { get; set; }

    public PatchTarget? Target { get; set; }
}
