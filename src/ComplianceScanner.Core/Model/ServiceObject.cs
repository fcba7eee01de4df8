using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>A core/v1 Service (only what backends need).</summary>
public sealed record ServiceObject : KubeObject
{
    public override string Kind => "Service";

    /// <summary><c>spec.type</c>; ClusterIP when absent.</summary>
    public string Type { get; init; } = "ClusterIP";

    public string? ExternalName { get; init; }

    public ImmutableArray<ServicePort> Ports { get; init; } = [];
}
