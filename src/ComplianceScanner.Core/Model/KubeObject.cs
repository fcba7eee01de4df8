namespace ComplianceScanner.Core.Model;

/// <summary>Base of every snapshot object: its kind and metadata.</summary>
public abstract record KubeObject
{
    public required ObjectMeta Metadata { get; init; }

    /// <summary>The Kubernetes kind, e.g. <c>Ingress</c>.</summary>
    public abstract string Kind { get; }

    public ObjectReference Reference => ObjectReference.For(Kind, Metadata);
}
