namespace ComplianceScanner.Deploy.Tests.Kustomize;

/// <summary>
/// A kustomization.yaml (Kustomization or Component), limited to the fields deploy/ uses. It is read strictly: a field
/// not modelled here fails the test, so the renderer never silently ignores something kustomize would apply.
/// </summary>
public sealed class KustomizationFile
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public List<string> Resources { get; set; } = [];

    public List<string> Components { get; set; } = [];

    public List<KustomizationPatch> Patches { get; set; } = [];

    public List<ConfigMapGeneratorSpec> ConfigMapGenerator { get; set; } = [];

    public List<ImageSpec> Images { get; set; } = [];
}
