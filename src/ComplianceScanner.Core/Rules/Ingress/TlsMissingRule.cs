using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-007: a team that must serve TLS publishes an Ingress without it.</summary>
public sealed class TlsMissingRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-007",
        "TLS required but missing",
        Severity.High,
        Layer.Namespace,
        "ingress",
        "Add a spec.tls entry covering every host, with a Secret of type kubernetes.io/tls in the Ingress's namespace.");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        if (owner.Team is { RequireTls: true } team && ingress.Tls.IsEmpty)
        {
            yield return Found(
                ingress,
                owner,
                $"Ingress {ingress.Metadata.QualifiedName} serves plain HTTP, but team {team.Name} must serve TLS.",
                "-",
                Field("spec.tls", "(absent)"),
                new Evidence("boundary", $"team {team.Name}: requireTls", "true"));
        }
    }
}
