using System.Collections.Immutable;

namespace ComplianceScanner.Core.Layers;

/// <summary>The <c>ingress:</c> section: global Ingress policy.</summary>
public sealed record IngressPolicy
{
    /// <summary>The ingress-nginx annotations that inject raw configuration (CVE-2021-25742): forbidden unless configured otherwise.</summary>
    public static ImmutableArray<string> DefaultForbiddenAnnotations { get; } = ["nginx.ingress.kubernetes.io/*-snippet"];

    public static IngressPolicy Default { get; } = new();

    /// <summary>Annotation key globs that no Ingress may carry.</summary>
    public ImmutableArray<string> ForbiddenAnnotations { get; init; } = DefaultForbiddenAnnotations;

    /// <summary>Namespaces (names or globs) where a team may set <c>spec.defaultBackend</c>; none by default.</summary>
    public ImmutableArray<string> DefaultBackendAllowedNamespaces { get; init; } = [];

}
