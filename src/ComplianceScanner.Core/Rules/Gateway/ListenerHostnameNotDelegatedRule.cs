using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Gateway;

/// <summary>
/// SOD-GW-004: a listener without a hostname is shared with other namespaces: the hostnames are not delegated per listener,
/// so a Route from any admitted namespace can claim any host on it, another team's included (hijack).
/// </summary>
public sealed class ListenerHostnameNotDelegatedRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-GW-004",
        "Shared Gateway listener without a hostname",
        Severity.High,
        Layer.Cluster,
        "gateway",
        "Give each listener that other namespaces may attach to a hostname (one listener per team's host or wildcard, e.g. hostname: \"*.shop.example.com\" admitting only the shop namespaces), or restrict it to allowedRoutes.namespaces.from: Same.");

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Snapshot.Gateways.IsEmpty)
        {
            yield break;
        }

        var topology = new GatewayTopology(context.Snapshot);
        foreach (var gateway in context.Snapshot.Gateways)
        {
            var gatewayNs = gateway.Metadata.Namespace ?? string.Empty;
            foreach (var listener in gateway.Listeners.Where(l => l.Hostname is null && l.NamespacesFrom != GatewayApi.FromSame))
            {
                // Protocols without hostnames (TCP, UDP) cannot be delegated by hostname; they are judged by SOD-GW-002/003 only.
                if (listener.Protocol is not ("HTTP" or "HTTPS" or "TLS" or ""))
                {
                    continue;
                }

                var others = topology.Namespaces.Where(ns => ns != gatewayNs && topology.AdmitsNamespace(listener, gatewayNs, ns)).ToList();
                var who = listener.NamespacesFrom == GatewayApi.FromAll
                    ? "every namespace"
                    : others.Count == 0 ? "the namespaces its selector matches (none besides its own now)" : string.Join(", ", others);
                yield return Descriptor.Finding(
                    gateway,
                    $"Listener {listener.Name} of Gateway {gateway.Metadata.QualifiedName} has no hostname and admits Routes from {who}: each of them can claim any host on it, another team's included.",
                    listener.Name,
                    [
                        GatewayEvidence.Field($"{listener.Path}.hostname", "(unset)"),
                        GatewayEvidence.Field($"{listener.Path}.allowedRoutes.namespaces.from", listener.NamespacesFrom),
                        GatewayEvidence.Listener(gateway, listener),
                    ],
                    team: context.Ownership.TeamOf(gatewayNs)?.Name);
            }
        }
    }
}
