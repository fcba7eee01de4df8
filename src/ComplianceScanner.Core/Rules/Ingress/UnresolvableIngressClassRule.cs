using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-005: no class and no single default, or a class that does not exist: which controller serves it is not decided by the operators.</summary>
public sealed class UnresolvableIngressClassRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-005",
        "Ingress class cannot be resolved",
        Severity.Medium,
        Layer.Cluster,
        "ingress",
        "Set spec.ingressClassName to an existing IngressClass. Cluster operators: mark exactly one IngressClass as default (ingressclass.kubernetes.io/is-default-class: \"true\").");

    protected override bool ShouldRun(EvaluationContext context) => !context.IsMissing("ingressclasses");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        if (ingress.IngressClassName is null)
        {
            if (context.DefaultIngressClasses.Length != 1)
            {
                var why = context.DefaultIngressClasses.IsEmpty
                    ? "no IngressClass is marked default"
                    : $"{context.DefaultIngressClasses.Length} IngressClasses are marked default";
                yield return Found(
                    ingress,
                    owner,
                    $"Ingress {ingress.Metadata.QualifiedName} names no IngressClass and {why}: which controller serves it is undecided.",
                    "(none)",
                    Field("spec.ingressClassName", "(absent)"));
            }
        }
        else if (context.FindIngressClass(ingress.IngressClassName) is null)
        {
            var path = ingress.IngressClassFromAnnotation ? "metadata.annotations[kubernetes.io/ingress.class]" : "spec.ingressClassName";
            yield return Found(
                ingress,
                owner,
                $"Ingress {ingress.Metadata.QualifiedName} names IngressClass {ingress.IngressClassName}, which does not exist.",
                ingress.IngressClassName,
                Field(path, ingress.IngressClassName));
        }
    }
}
