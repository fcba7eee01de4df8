using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Core.Rules.Gateway;

/// <summary>
/// A reference from one namespace into another that the Gateway API allows only with a ReferenceGrant in the target
/// namespace: a Route's backendRef (mirrors included), a Gateway listener's certificateRef. parentRefs need none.
/// </summary>
/// <param name="From">The referring Route or Gateway.</param>
/// <param name="Reference">The reference as written.</param>
public sealed record CrossNamespaceReference(KubeObject From, GatewayReference Reference)
{
    public string FromNamespace => From.Metadata.Namespace ?? string.Empty;

    public string TargetNamespace => Reference.TargetNamespace(FromNamespace);

    /// <summary>True when <paramref name="grant"/> (in the target namespace) allows this reference.</summary>
    public bool AllowedBy(ReferenceGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return grant.Metadata.Namespace == TargetNamespace
            && grant.Allows(GatewayApi.Group, From.Kind, FromNamespace, Reference.Group, Reference.Kind, Reference.Name);
    }

    /// <summary>Every cross-namespace reference of the snapshot, Routes first, in snapshot order.</summary>
    public static IEnumerable<CrossNamespaceReference> All(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var route in snapshot.GatewayRoutes)
        {
            foreach (var backend in route.BackendRefs.Where(b => b.IsCrossNamespace(route.Metadata.Namespace ?? string.Empty)))
            {
                yield return new CrossNamespaceReference(route, backend);
            }
        }

        foreach (var gateway in snapshot.Gateways)
        {
            foreach (var cert in gateway.Listeners.SelectMany(l => l.CertificateRefs).Where(c => c.IsCrossNamespace(gateway.Metadata.Namespace ?? string.Empty)))
            {
                yield return new CrossNamespaceReference(gateway, cert);
            }
        }
    }
}
