using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Rules.Gateway;

/// <summary>SOD-GW-007: a team's Route names a Gateway outside the team's declared <c>gateways</c> (silent when the team declares none).</summary>
public sealed class RouteGatewayNotAllowedRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-GW-007",
        "Route attaches to a Gateway the team was not given",
        Severity.Medium,
        Layer.Namespace,
        "gateway",
        "Point the Route's parentRefs at one of the team's Gateways, or add the Gateway to the team's gateways in scanner.yaml (layers.namespace.teams[].gateways) after the cluster operators agree to share it.");

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var route in context.Snapshot.GatewayRoutes)
        {
            var ns = route.Metadata.Namespace ?? "default";
            if (context.Ownership.TeamOf(ns) is not { Gateways.IsEmpty: false } team)
            {
                continue;
            }

            foreach (var parent in route.ParentRefs.Where(p => p.Kind == "Gateway" && p.Group == Model.GatewayApi.Group))
            {
                var target = $"{parent.TargetNamespace(ns)}/{parent.Name}";
                if (Glob.MatchesAny(team.Gateways, target))
                {
                    continue;
                }

                yield return Descriptor.Finding(
                    route,
                    $"{route.Kind} {route.Metadata.QualifiedName} attaches to Gateway {target}, which is not among team {team.Name}'s gateways.",
                    target,
                    [GatewayEvidence.Field(parent.Path, target), GatewayEvidence.Boundary(team, "gateways", team.Gateways)],
                    team: team.Name);
            }
        }
    }
}
