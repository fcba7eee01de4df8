using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-004: a team's Ingress is served by a class the team was not given.</summary>
public sealed class IngressClassNotAllowedRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-004",
        "IngressClass not allowed for the team",
        Severity.High,
        Layer.Namespace,
        "ingress",
        "Set spec.ingressClassName to one of the team's classes, or have the cluster operators add the class to the team in scanner.yaml (layers.namespace.teams[].ingressClasses).");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        if (owner.Team is not { } team || team.IngressClasses.IsEmpty)
        {
            yield break;
        }

        var cls = context.EffectiveIngressClass(ingress);
        if (cls is null || team.IngressClasses.Contains(cls, StringComparer.Ordinal))
        {
            // An unresolvable class is SOD-ING-005's finding.
            yield break;
        }

        var path = ingress.IngressClassName is null ? "(default IngressClass)"
            : ingress.IngressClassFromAnnotation ? "metadata.annotations[kubernetes.io/ingress.class]" : "spec.ingressClassName";
        yield return Found(
            ingress,
            owner,
            $"Ingress {ingress.Metadata.QualifiedName} is served by IngressClass {cls}, which team {team.Name} may not use.",
            cls,
            Field(path, cls),
            Boundary(team, "ingressClasses", team.IngressClasses));
    }
}
