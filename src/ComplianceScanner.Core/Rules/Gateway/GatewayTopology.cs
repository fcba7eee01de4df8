using System.Collections.Frozen;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Core.Rules.Gateway;

/// <summary>
/// How Routes attach to Gateways, by the Gateway API's rules: a parentRef names a Gateway (in the Route's namespace unless
/// it says otherwise), optionally one listener (sectionName) or port; a listener admits a Route when its
/// <c>allowedRoutes.namespaces</c> admits the Route's namespace and its <c>allowedRoutes.kinds</c> (or, when unset, its
/// protocol) admits the Route's kind. Built once per rule evaluation from the snapshot.
/// </summary>
public sealed class GatewayTopology
{
    private readonly FrozenDictionary<(string Ns, string Name), Model.Gateway> gateways;
    private readonly FrozenDictionary<string, IReadOnlyDictionary<string, string>> namespaceLabels;

    public GatewayTopology(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        gateways = snapshot.Gateways
            .GroupBy(g => (g.Metadata.Namespace ?? string.Empty, g.Metadata.Name))
            .ToFrozenDictionary(g => g.Key, g => g.First());
        namespaceLabels = snapshot.Namespaces
            .GroupBy(n => n.Metadata.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, string>)g.First().Metadata.Labels.SetItem(GatewayApi.NamespaceNameLabel, g.Key),
                StringComparer.Ordinal);
    }

    /// <summary>A namespace's labels as a selector sees them (the API server always sets <c>kubernetes.io/metadata.name</c>).</summary>
    public IReadOnlyDictionary<string, string> LabelsOf(string ns) =>
        namespaceLabels.TryGetValue(ns, out var labels) ? labels : new Dictionary<string, string>(StringComparer.Ordinal) { [GatewayApi.NamespaceNameLabel] = ns };

    /// <summary>Namespaces of the snapshot, by name.</summary>
    public IEnumerable<string> Namespaces => namespaceLabels.Keys.Order(StringComparer.Ordinal);

    public Model.Gateway? FindGateway(string ns, string name) => gateways.GetValueOrDefault((ns, name));

    /// <summary>True when the listener of a Gateway in <paramref name="gatewayNamespace"/> admits Routes of <paramref name="routeKind"/> from <paramref name="routeNamespace"/>.</summary>
    public bool Admits(GatewayListener listener, string gatewayNamespace, string routeNamespace, string routeKind)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return AdmitsNamespace(listener, gatewayNamespace, routeNamespace) && AdmitsKind(listener, routeKind);
    }

    /// <summary>The <c>allowedRoutes.namespaces</c> half of <see cref="Admits"/>.</summary>
    public bool AdmitsNamespace(GatewayListener listener, string gatewayNamespace, string routeNamespace)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return listener.NamespacesFrom switch
        {
            GatewayApi.FromAll => true,

            // An unset selector selects nothing (the API rejects it; be conservative the other way round than Kubernetes' empty selector).
            GatewayApi.FromSelector => listener.NamespaceSelector is { } s && s.Matches(LabelsOf(routeNamespace)),
            _ => string.Equals(gatewayNamespace, routeNamespace, StringComparison.Ordinal),
        };
    }

    /// <summary>Every listener the Route is attached to, through each of its parentRefs naming a Gateway.</summary>
    public IEnumerable<GatewayAttachment> Attachments(GatewayRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var routeNs = route.Metadata.Namespace ?? string.Empty;
        foreach (var parent in route.ParentRefs)
        {
            if (parent.Kind != "Gateway" || parent.Group != GatewayApi.Group
                || FindGateway(parent.TargetNamespace(routeNs), parent.Name) is not { } gateway)
            {
                continue;
            }

            foreach (var listener in gateway.Listeners)
            {
                if ((parent.SectionName is null || parent.SectionName == listener.Name)
                    && (parent.Port is null || parent.Port == listener.Port)
                    && Admits(listener, gateway.Metadata.Namespace ?? string.Empty, routeNs, route.Kind))
                {
                    yield return new GatewayAttachment(parent, gateway, listener);
                }
            }
        }
    }

    /// <summary>Label keys a <c>from: Selector</c> depends on, other than <c>kubernetes.io/metadata.name</c>.</summary>
    public static IEnumerable<string> MutableSelectorKeys(LabelSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return selector.MatchLabels.Keys.Concat(selector.MatchExpressions.Select(e => e.Key))
            .Where(k => k != GatewayApi.NamespaceNameLabel)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
    }

    private static bool AdmitsKind(GatewayListener listener, string routeKind)
    {
        if (!listener.AllowedKinds.IsEmpty)
        {
            return listener.AllowedKinds.Contains(routeKind, StringComparer.Ordinal);
        }

        // Unset kinds: the kinds the protocol implies; HTTP and HTTPS listeners serve HTTPRoutes and GRPCRoutes.
        return listener.Protocol is "HTTP" or "HTTPS" or "";
    }
}
