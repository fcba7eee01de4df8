using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Layers;

/// <summary>A cluster-wide layer (cluster operators or security team): its subjects, the duties they may hold, and the namespaces it runs.</summary>
public sealed record LayerDefinition(ImmutableArray<Subject> Subjects, ImmutableArray<string> Duties)
{
    /// <summary>Namespaces (names or globs) the layer owns, e.g. the controller's namespace. Kubernetes' own are always the cluster layer's.</summary>
    public ImmutableArray<string> Namespaces { get; init; } = [];

    /// <summary>Where the layer's reports go (e-mail addresses); the security layer's receive the whole cluster's report.</summary>
    public ImmutableArray<string> Contacts { get; init; } = [];

    public static LayerDefinition Empty { get; } = new([], []);
}
