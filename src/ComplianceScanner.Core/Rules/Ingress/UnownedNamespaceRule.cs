using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-015: an Ingress in a namespace no team or layer owns: nobody's boundary applies to it.</summary>
public sealed class UnownedNamespaceRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-015",
        "Ingress in a namespace no team owns",
        Severity.Medium,
        Layer.Namespace,
        "ingress",
        "Assign the namespace to a team (layers.namespace.teams[].namespaces or namespaceSelector) or to the cluster layer (layers.cluster.namespaces), or remove the Ingress.");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        if (owner.Layer != Layer.Undeclared)
        {
            yield break;
        }

        yield return Found(
            ingress,
            owner,
            $"Ingress {ingress.Metadata.QualifiedName} is in namespace {ingress.Metadata.Namespace}, which no team or layer owns: no host, class or TLS boundary applies to it.",
            "-",
            new Evidence("field", "metadata.namespace", ingress.Metadata.Namespace ?? "default"));
    }
}
