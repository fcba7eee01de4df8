using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Core.Evaluation;

/// <summary>The owner of a namespace: a layer name, and the team when the layer is the namespace layer.</summary>
public sealed record NamespaceOwner(string Layer, TeamDefinition? Team);
