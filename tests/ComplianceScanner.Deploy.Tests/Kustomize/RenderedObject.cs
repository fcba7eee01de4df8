using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Deploy.Tests.Kustomize;

/// <summary>One Kubernetes object of a rendered kustomization, as a YAML tree, with the file it came from.</summary>
public sealed record RenderedObject(YamlMappingNode Node, string Origin)
{
    public string ApiVersion => YamlTree.Text(Node, "apiVersion") ?? string.Empty;

    public string Kind => YamlTree.Text(Node, "kind") ?? string.Empty;

    public string Name => YamlTree.Text(Node, "metadata", "name") ?? string.Empty;

    public string? Namespace => YamlTree.Text(Node, "metadata", "namespace");

    /// <summary>The API group: <c>apps</c> for <c>apps/v1</c>, empty for <c>v1</c>.</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;

    public string Version => ApiVersion[(ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>What kustomize identifies the object by.</summary>
    public string Id => $"{Kind}/{Namespace ?? "-"}/{Name}";

    public string ToYaml() => YamlTree.ToYaml(Node);

    public override string ToString() => $"{Id} ({Origin})";
}
