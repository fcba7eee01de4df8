using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Snapshot.Mapping;

/// <summary>
/// Sorts mapped objects into a <see cref="ClusterSnapshot"/>'s arrays, each ordered by namespace and name (then kind and
/// source), so every snapshot source produces the same order for the same objects.
/// </summary>
internal static class SnapshotComposer
{
    public static ClusterSnapshot Compose(IReadOnlyCollection<KubeObject> all) => new()
    {
        Namespaces = Sorted(all.OfType<NamespaceObject>()),
        Ingresses = Sorted(all.OfType<Ingress>()),
        IngressClasses = Sorted(all.OfType<IngressClass>()),
        Services = Sorted(all.OfType<ServiceObject>()),
        Secrets = Sorted(all.OfType<SecretMetadata>()),
        ConfigMaps = Sorted(all.OfType<ConfigMapObject>()),
        ServiceAccounts = Sorted(all.OfType<ServiceAccountObject>()),
        Workloads = Sorted(all.OfType<Workload>()),
        Roles = Sorted(all.OfType<RbacRole>().Where(r => !r.IsClusterRole)),
        ClusterRoles = Sorted(all.OfType<RbacRole>().Where(r => r.IsClusterRole)),
        RoleBindings = Sorted(all.OfType<RbacBinding>().Where(b => !b.IsClusterBinding)),
        ClusterRoleBindings = Sorted(all.OfType<RbacBinding>().Where(b => b.IsClusterBinding)),
        AdmissionObjects = Sorted(all.OfType<AdmissionObject>()),
        GatewayClasses = Sorted(all.OfType<GatewayClass>()),
        Gateways = Sorted(all.OfType<Gateway>()),
        GatewayRoutes = Sorted(all.OfType<GatewayRoute>()),
        ReferenceGrants = Sorted(all.OfType<ReferenceGrant>()),
    };

    private static ImmutableArray<T> Sorted<T>(IEnumerable<T> items)
        where T : KubeObject =>
        [.. items
            .OrderBy(o => o.Metadata.Namespace ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(o => o.Metadata.Name, StringComparer.Ordinal)
            .ThenBy(o => o.Kind, StringComparer.Ordinal)
            .ThenBy(o => o.Metadata.Source.File, StringComparer.Ordinal)
            .ThenBy(o => o.Metadata.Source.DocumentIndex)
            .ThenBy(o => o.Metadata.Source.Line)];
}
