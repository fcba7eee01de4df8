using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>
/// A ReferenceGrant: the target namespace's consent that objects in other namespaces may refer to its objects
/// (a Route to its Services, a Gateway to its Secrets).
/// </summary>
public sealed record ReferenceGrant : KubeObject
{
    public override string Kind => "ReferenceGrant";

    public ImmutableArray<ReferenceGrantFrom> From { get; init; } = [];

    public ImmutableArray<ReferenceGrantTo> To { get; init; } = [];

    /// <summary>
    /// True when this grant allows an object of <paramref name="fromGroup"/>/<paramref name="fromKind"/> in
    /// <paramref name="fromNamespace"/> to refer to <paramref name="toGroup"/>/<paramref name="toKind"/> named
    /// <paramref name="toName"/> in the grant's namespace (the Gateway API's matching rule: every field equal, a to-entry
    /// without a name covering every name).
    /// </summary>
    public bool Allows(string fromGroup, string fromKind, string fromNamespace, string toGroup, string toKind, string toName) =>
        From.Any(f => f.Group == fromGroup && f.Kind == fromKind && f.Namespace == fromNamespace)
        && To.Any(t => t.Group == toGroup && t.Kind == toKind && (t.Name is null || t.Name == toName));
}
