using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>A ConfigMap. Data is kept only for controller configuration maps; others keep metadata only.</summary>
public sealed record ConfigMapObject : KubeObject
{
    public override string Kind => "ConfigMap";

    public ImmutableSortedDictionary<string, string> Data { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>True when the loader kept the data (controller or scanner configuration).</summary>
    public bool DataRetained { get; init; }
}
