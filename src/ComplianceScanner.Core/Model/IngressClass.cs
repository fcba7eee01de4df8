namespace ComplianceScanner.Core.Model;

/// <summary>A networking.k8s.io/v1 IngressClass.</summary>
public sealed record IngressClass : KubeObject
{
    public const string DefaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class";

    public override string Kind => "IngressClass";

    /// <summary><c>spec.controller</c>, e.g. <c>k8s.io/ingress-nginx</c>.</summary>
    public string? Controller { get; init; }

    /// <summary>True when annotated as the cluster default class.</summary>
    public bool IsDefault => string.Equals(Metadata.Annotation(DefaultClassAnnotation), "true", StringComparison.OrdinalIgnoreCase);

    public string? ParametersKind { get; init; }

    public string? ParametersName { get; init; }

    public string? ParametersNamespace { get; init; }
}
