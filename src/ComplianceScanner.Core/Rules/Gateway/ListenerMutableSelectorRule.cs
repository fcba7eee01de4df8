using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Gateway;

/// <summary>
/// SOD-GW-003: a listener admits namespaces by labels other than <c>kubernetes.io/metadata.name</c>, so whoever can label
/// a namespace can attach Routes to it (see SOD-ING-021 for who can).
/// </summary>
public sealed class ListenerMutableSelectorRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-GW-003",
        "Gateway listener selects namespaces by a mutable label",
        Severity.Medium,
        Layer.Cluster,
        "gateway",
        "Select the admitted namespaces by name (matchExpressions on kubernetes.io/metadata.name, which only the API server sets), or make sure only the cluster layer can label namespaces (see SOD-ING-021).");

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
            foreach (var listener in gateway.Listeners.Where(l => l.NamespacesFrom == GatewayApi.FromSelector && l.NamespaceSelector is not null))
            {
                var keys = GatewayTopology.MutableSelectorKeys(listener.NamespaceSelector!).ToList();
                if (keys.Count == 0)
                {
                    continue;
                }

                var admitted = topology.Namespaces.Where(ns => topology.AdmitsNamespace(listener, gatewayNs, ns)).ToList();
                yield return Descriptor.Finding(
                    gateway,
                    $"Listener {listener.Name} of Gateway {gateway.Metadata.QualifiedName} admits namespaces by label {string.Join(", ", keys)}: anyone who can label a namespace can attach Routes to it.",
                    listener.Name,
                    [
                        GatewayEvidence.Field($"{listener.Path}.allowedRoutes.namespaces.selector", GatewayEvidence.Selector(listener.NamespaceSelector!)),
                        GatewayEvidence.Listener(gateway, listener),
                        new Evidence("object", "namespaces admitted now", admitted.Count == 0 ? "(none)" : string.Join(", ", admitted)),
                    ],
                    team: context.Ownership.TeamOf(gatewayNs)?.Name);
            }
        }
    }
}
