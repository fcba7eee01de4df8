namespace ComplianceScanner.Deploy.Tests.Kustomize;

/// <summary>A <c>configMapGenerator</c> entry: a ConfigMap whose keys are files (<c>key=path</c> or <c>path</c>).</summary>
public sealed class ConfigMapGeneratorSpec
{
    public string? Name { get; set; }

    public string? Namespace { get; set; }

    public List<string> Files { get; set; } = [];

    public GeneratorOptionsSpec? Options { get; set; }
}
