using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-013: a defaultBackend outside the cluster layer (it can capture traffic no rule matched).</summary>
public sealed class TeamDefaultBackendRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-013",
        "defaultBackend set outside the cluster layer",
        Severity.Medium,
        Layer.Namespace,
        "ingress",
        "Remove spec.defaultBackend and route with explicit host rules. The default backend is the cluster operators' to set (on the controller); allow a namespace explicitly with ingress.defaultBackendAllowedNamespaces if needed.");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        var ns = ingress.Metadata.Namespace ?? "default";
        if (ingress.DefaultBackend is null || owner.Layer == Layer.Cluster
            || Glob.MatchesAny(context.Config.Ingress.DefaultBackendAllowedNamespaces, ns))
        {
            yield break;
        }

        yield return Found(
            ingress,
            owner,
            $"Ingress {ingress.Metadata.QualifiedName} sets spec.defaultBackend ({ingress.DefaultBackend.Describe()}) outside the cluster layer.",
            "-",
            Field("spec.defaultBackend", ingress.DefaultBackend.Describe()));
    }
}
