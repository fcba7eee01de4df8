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

    /// <summary>Gateway API GatewayClasses (empty when the API is not served or no manifest holds one).</summary>
    public ImmutableArray<GatewayClass> GatewayClasses { get; init; } = [];

    public ImmutableArray<Gateway> Gateways { get; init; } = [];

    /// <summary>HTTPRoutes and GRPCRoutes.</summary>
    public ImmutableArray<GatewayRoute> GatewayRoutes { get; init; } = [];

    public ImmutableArray<ReferenceGrant> ReferenceGrants { get; init; } = [];

    /// <summary>Objects of kinds the scanner does not read, counted by <c>apiVersion/kind</c>.</summary>
    public ImmutableSortedDictionary<string, int> UnknownKinds { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>Kinds that could not be read completely. Non-empty means the scan is incomplete and must say so.</summary>
    public ImmutableArray<MissingKind> Missing { get; init; } = [];

    /// <summary>Where the snapshot came from: manifest paths or the cluster's API server.</summary>
    public ImmutableArray<string> Sources { get; init; } = [];

    /// <summary>SHA-256 over the canonical content of the inputs, set by the snapshot source.</summary>
    public string Digest { get; init; } = string.Empty;

    public bool IsComplete => Missing.IsEmpty;

    /// <summary>
    /// Counts of the objects read, by kind, in a stable order. Gateway API kinds are counted only when present, so
    /// inventories of clusters without the API read as before.
    /// </summary>
    public ImmutableSortedDictionary<string, int> CountsByKind()
    {
        var counts = BaseCounts();
        foreach (var (kind, count) in new[]
        {
            ("GatewayClass", GatewayClasses.Length),
            ("Gateway", Gateways.Length),
            ("GatewayRoute", GatewayRoutes.Length),
            ("ReferenceGrant", ReferenceGrants.Length),
        })
        {
            if (count > 0)
            {
                counts[kind] = count;
            }
        }

        return counts.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    private SortedDictionary<string, int> BaseCounts() => new(StringComparer.Ordinal)
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
    };
}
