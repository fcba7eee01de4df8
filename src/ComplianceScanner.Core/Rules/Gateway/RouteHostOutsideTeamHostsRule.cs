using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Rules.Gateway;

/// <summary>
/// SOD-GW-001: an HTTPRoute or GRPCRoute of a team claims a hostname the team was not given: in <c>spec.hostnames</c>, or,
/// when it lists none, through the hostname (or the absence of one) of a listener it is attached to.
/// </summary>
public sealed class RouteHostOutsideTeamHostsRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-GW-001",
        "Route hostname outside the team's hosts",
        Severity.High,
        Layer.Namespace,
        "gateway",
        "List only hostnames inside the team's declared hosts in spec.hostnames (a Route without hostnames takes every hostname its listener serves), or ask the cluster operators to delegate the host to the team in scanner.yaml (layers.namespace.teams[].hosts) and to give the team a listener with that hostname.");

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Snapshot.GatewayRoutes.IsEmpty)
        {
            return [];
        }

        var topology = new GatewayTopology(context.Snapshot);
        return context.Snapshot.GatewayRoutes.SelectMany(r => Evaluate(context, topology, r));
    }

    private IEnumerable<Finding> Evaluate(EvaluationContext context, GatewayTopology topology, GatewayRoute route)
    {
        if (context.Ownership.TeamOf(route.Metadata.Namespace ?? "default") is not { } team)
        {
            yield break;
        }

        var boundary = GatewayEvidence.Boundary(team, "hosts", team.Hosts);
        for (var i = 0; i < route.Hostnames.Length; i++)
        {
            var host = route.Hostnames[i];
            if (!HostPattern.CoveredByAny(team.Hosts, host))
            {
                yield return Descriptor.Finding(
                    route,
                    $"{route.Kind} {route.Metadata.QualifiedName} claims hostname {host}, which team {team.Name} was not given.",
                    host,
                    [GatewayEvidence.Field($"spec.hostnames[{i}]", host), boundary],
                    team: team.Name);
            }
        }

        if (!route.Hostnames.IsEmpty)
        {
            yield break;
        }

        // Without hostnames the Route serves whatever its listeners serve: every host when a listener has no hostname.
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in topology.Attachments(route))
        {
            var host = a.Listener.Hostname;
            if ((host is not null && HostPattern.CoveredByAny(team.Hosts, host)) || !reported.Add(host ?? "*"))
            {
                continue;
            }

            yield return Descriptor.Finding(
                route,
                host is null
                    ? $"{route.Kind} {route.Metadata.QualifiedName} lists no hostnames and is attached to listener {a.Listener.Name} of Gateway {a.Gateway.Metadata.QualifiedName}, which has no hostname: it claims every host, beyond team {team.Name}'s hosts."
                    : $"{route.Kind} {route.Metadata.QualifiedName} lists no hostnames and so serves {host} of listener {a.Listener.Name} of Gateway {a.Gateway.Metadata.QualifiedName}, which team {team.Name} was not given.",
                host ?? "*",
                [GatewayEvidence.Field("spec.hostnames", "(none)"), GatewayEvidence.Field(a.ParentRef.Path, a.ParentRef.Describe(route.Metadata.Namespace ?? string.Empty)), GatewayEvidence.Listener(a.Gateway, a.Listener), boundary],
                team: team.Name);
        }
    }
}
