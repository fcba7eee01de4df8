namespace ComplianceScanner.Core.Layers;

/// <summary>A ConfigMap by namespace and name, written <c>namespace/name</c> in scanner.yaml.</summary>
public sealed record ConfigMapName(string Namespace, string Name)
{
    /// <summary><c>namespace/name</c>.</summary>
    public override string ToString() => $"{Namespace}/{Name}";
}
