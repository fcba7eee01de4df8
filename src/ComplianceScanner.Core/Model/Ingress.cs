using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>A networking.k8s.io/v1 (or legacy extensions/v1beta1) Ingress.</summary>
public sealed record Ingress : KubeObject
{
    public override string Kind => "Ingress";

    /// <summary>API version it was read as, e.g. <c>networking.k8s.io/v1</c>.</summary>
    public string ApiVersion { get; init; } = "networking.k8s.io/v1";

    /// <summary><c>spec.ingressClassName</c>, or the legacy <c>kubernetes.io/ingress.class</c> annotation when the field is absent.</summary>
    public string? IngressClassName { get; init; }

    /// <summary>True when the class came from the legacy annotation rather than the field.</summary>
    public bool IngressClassFromAnnotation { get; init; }

    public IngressBackend? DefaultBackend { get; init; }

    public ImmutableArray<IngressRule> Rules { get; init; } = [];

    public ImmutableArray<IngressTls> Tls { get; init; } = [];
}
