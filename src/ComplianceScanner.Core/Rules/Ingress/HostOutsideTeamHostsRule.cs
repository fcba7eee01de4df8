using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-001: a team publishes a host it was not given.</summary>
public sealed class HostOutsideTeamHostsRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-001",
        "Ingress host outside the team's hosts",
        Severity.High,
        Layer.Namespace,
        "ingress",
        "Use a host inside the team's declared hosts, or ask the cluster operators to delegate this host to the team in scanner.yaml (layers.namespace.teams[].hosts).");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        if (owner.Team is not { } team)
        {
            yield break;
        }

        for (var i = 0; i < ingress.Rules.Length; i++)
        {
            var host = ingress.Rules[i].Host;
            if (string.IsNullOrEmpty(host) || HostPattern.CoveredByAny(team.Hosts, host))
            {
                continue;
            }

            yield return Found(
                ingress,
                owner,
                $"Ingress {ingress.Metadata.QualifiedName} publishes host {host}, which team {team.Name} was not given.",
                host,
                Field($"spec.rules[{i}].host", host),
                Boundary(team, "hosts", team.Hosts));
        }
    }
}
