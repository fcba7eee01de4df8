using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>The parts of Kubernetes object metadata the scanner uses. Never null: absent maps are empty.</summary>
public sealed record ObjectMeta
{
    public required string Name { get; init; }

    /// <summary>Namespace, or null for cluster-scoped objects.</summary>
    public string? Namespace { get; init; }

    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public ImmutableSortedDictionary<string, string> Annotations { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public string? Uid { get; init; }

    public string? ResourceVersion { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>Field managers recorded in managedFields (who last wrote which part), oldest first.</summary>
    public ImmutableArray<ManagedFieldsEntry> ManagedFields { get; init; } = [];

    public SourceLocation Source { get; init; } = SourceLocation.None;

    /// <summary><c>namespace/name</c> for namespaced objects, <c>name</c> otherwise.</summary>
    public string QualifiedName => Namespace is null ? Name : $"{Namespace}/{Name}";

    public string? Label(string key) => Labels.TryGetValue(key, out var v) ? v : null;

    public string? Annotation(string key) => Annotations.TryGetValue(key, out var v) ? v : null;
}
