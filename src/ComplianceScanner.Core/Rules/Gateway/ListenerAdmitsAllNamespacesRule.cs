using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Gateway;

/// <summary>SOD-GW-002: a Gateway listener admits Routes from every namespace (<c>allowedRoutes.namespaces.from: All</c>).</summary>
public sealed class ListenerAdmitsAllNamespacesRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-GW-002",
        "Gateway listener admits Routes from all namespaces",
        Severity.High,
        Layer.Cluster,
        "gateway",
        "Set allowedRoutes.namespaces.from to Same, or to Selector with a selector on kubernetes.io/metadata.name listing the namespaces that may attach (matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [...]}]). With from: All, anyone who can create a Route in any namespace can publish on this listener.");

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var gateway in context.Snapshot.Gateways)
        {
            foreach (var listener in gateway.Listeners.Where(l => l.NamespacesFrom == GatewayApi.FromAll))
            {
                yield return Descriptor.Finding(
                    gateway,
                    $"Listener {listener.Name} of Gateway {gateway.Metadata.QualifiedName} admits Routes from every namespace: any namespace's Route authors can publish on it{(listener.Hostname is null ? ", for any host" : $", under {listener.Hostname}")}.",
                    listener.Name,
                    [GatewayEvidence.Field($"{listener.Path}.allowedRoutes.namespaces.from", GatewayApi.FromAll), GatewayEvidence.Listener(gateway, listener)],
                    team: context.Ownership.TeamOf(gateway.Metadata.Namespace ?? "default")?.Name);
            }
        }
    }
}
