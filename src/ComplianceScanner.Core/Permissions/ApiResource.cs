using System.Collections.Immutable;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// A Kubernetes API resource as API discovery describes it (<c>metav1.APIResource</c>): what <c>kubectl</c> resolves a
/// TYPE argument to.
/// </summary>
/// <param name="Name">The plural resource name, as RBAC rules name it: <c>ingresses</c>.</param>
/// <param name="Group">The API group; <c>""</c> is the core group.</param>
/// <param name="Versions">The served versions, preferred first (only used to resolve <c>resource.version.group</c>).</param>
/// <param name="Kind">The kind: <c>Ingress</c>.</param>
/// <param name="Namespaced">True for namespaced resources; false for cluster-scoped ones such as <c>nodes</c>.</param>
/// <param name="ShortNames">kubectl short names: <c>ing</c>.</param>
public sealed record ApiResource(
    string Name,
    string Group,
    ImmutableArray<string> Versions,
    string Kind,
    bool Namespaced,
    ImmutableArray<string> ShortNames)
{
    /// <summary>The singular name discovery reports for built-in resources: the lower-cased kind (<c>ingress</c>).</summary>
    public string SingularName { get; } = Kind.ToLowerInvariant();

    /// <summary><c>ingresses.networking.k8s.io</c>, or <c>pods</c> for the core group.</summary>
    public string QualifiedName => Group.Length == 0 ? Name : $"{Name}.{Group}";

    public bool Equals(ApiResource? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Group, other.Group, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Name, Group);

    public override string ToString() => QualifiedName;
}
