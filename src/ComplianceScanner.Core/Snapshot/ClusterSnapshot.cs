using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Snapshot;

/// <summary>
/// An immutable picture of the cluster at one point: every object kind the scanner reads, what it could not read,
/// and what it skipped. The first stage of the pipeline produces it; every later stage only reads it.
/// </summary>
public sealed record ClusterSnapshot
{
    public static ClusterSnapshot Empty { get; } = new();

    public ImmutableArray<NamespaceObject> Namespaces { get; init; } = [];

    public ImmutableArray<Ingress> Ingresses { get; init; } = [];

    public ImmutableArray<IngressClass> IngressClasses { get; init; } = [];

    public ImmutableArray<ServiceObject> Services { get; init; } = [];

    public ImmutableArray<SecretMetadata> Secrets { get; init; } = [];

    public ImmutableArray<ConfigMapObject> ConfigMaps { get; init; } = [];

    public ImmutableArray<ServiceAccountObject> ServiceAccounts { get; init; } = [];

    public ImmutableArray<Workload> Workloads { get; init; } = [];

    public ImmutableArray<RbacRole> Roles { get; init; } = [];

    public ImmutableArray<RbacRole> ClusterRoles { get; init; } = [];

    public ImmutableArray<RbacBinding> RoleBindings { get; init; } = [];

    public ImmutableArray<RbacBinding> ClusterRoleBindings { get; init; } = [];

    public ImmutableArray<AdmissionObject> AdmissionObjects { get; init; } = [];

    /// <summary>Objects of kinds the scanner does not read, counted by <c>apiVersion/kind</c>.</summary>
    public ImmutableSortedDictionary<string, int> UnknownKinds { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>Kinds that could not be read completely. Non-empty means the scan is incomplete and must say so.</summary>
    public ImmutableArray<MissingKind> Missing { get; init; } = [];

    /// <summary>Where the snapshot came from: manifest paths or the cluster's API server.</summary>
    public ImmutableArray<string> Sources { get; init; } = [];

    /// <summary>SHA-256 over the canonical content of the inputs, set by the snapshot source.</summary>
    public string Digest { get; init; } = string.Empty;

    public bool IsComplete => Missing.IsEmpty;

    /// <summary>Counts of the objects read, by kind, in a stable order.</summary>
    public ImmutableSortedDictionary<string, int> CountsByKind() => new SortedDictionary<string, int>(StringComparer.Ordinal)
    {
        ["Namespace"] = Namespaces.Length,
        ["Ingress"] = Ingresses.Length,
        ["IngressClass"] = IngressClasses.Length,
        ["Service"] = Services.Length,
        ["Secret"] = Secrets.Length,
        ["ConfigMap"] = ConfigMaps.Length,
        ["ServiceAccount"] = ServiceAccounts.Length,
        ["Workload"] = Workloads.Length,
        ["Role"] = Roles.Length,
        ["ClusterRole"] = ClusterRoles.Length,
        ["RoleBinding"] = RoleBindings.Length,
        ["ClusterRoleBinding"] = ClusterRoleBindings.Length,
        ["Admission"] = AdmissionObjects.Length,
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);
}
