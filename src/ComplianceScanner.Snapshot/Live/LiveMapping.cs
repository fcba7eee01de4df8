using ComplianceScanner.Core.Model;
using ComplianceScanner.Snapshot.Mapping;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>Maps live models through the one <see cref="KubernetesModelMapper"/>, with a <c>k8s://</c> source for each object.</summary>
internal static class LiveMapping
{
    /// <summary>
    /// The type recorded for a Secret that the metadata-only read showed is not <c>kubernetes.io/tls</c>: the exact type
    /// is not in its metadata, and nothing but TLS is judged by type.
    /// </summary>
    public const string NonTlsSecretType = "non-TLS";

    public static SourceLocation Location(LiveKind kind, string? ns, string name) =>
        new(ns is null ? $"k8s://{kind.Kind}/{name}" : $"k8s://{kind.Kind}/{ns}/{name}", 0, 0);

    /// <summary>The key an object has in its kind's cache: <c>namespace/name</c>, or the name when cluster-scoped.</summary>
    public static string Key(LiveKind kind, V1ObjectMeta? meta)
    {
        var name = meta?.Name ?? string.Empty;
        return kind.Namespaced ? $"{(string.IsNullOrEmpty(meta?.NamespaceProperty) ? KubernetesModelMapper.DefaultNamespace : meta.NamespaceProperty)}/{name}" : name;
    }

    public static V1ObjectMeta? Metadata(object model) => (model as IMetadata<V1ObjectMeta>)?.Metadata;

    /// <summary>Maps one model; remarks are added to <paramref name="warnings"/>; null when the object cannot be mapped.</summary>
    public static KubeObject? Map(LiveKind kind, object model, ICollection<string> warnings)
    {
        var meta = Metadata(model);
        var location = Location(kind, kind.Namespaced ? NamespaceOf(meta) : null, meta?.Name ?? string.Empty);
        if (model is V1Secret secret)
        {
            // Belt and braces: a metadata-only read never carries these, and nothing downstream may see them.
            secret.Data = null;
            secret.StringData = null;
        }

        var problems = new List<MappingProblem>();
        var mapped = KubernetesModelMapper.Map(model, location, problems);
        foreach (var p in problems)
        {
            warnings.Add($"{location.File}: {p.Path}: {p.Message}");
        }

        return mapped;
    }

    private static string NamespaceOf(V1ObjectMeta? meta) =>
        string.IsNullOrEmpty(meta?.NamespaceProperty) ? KubernetesModelMapper.DefaultNamespace : meta.NamespaceProperty;
}
