using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-006: more than one default IngressClass.</summary>
public sealed class MultipleDefaultClassesRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-006",
        "More than one default IngressClass",
        Severity.High,
        Layer.Cluster,
        "ingress",
        "Keep the default annotation (ingressclass.kubernetes.io/is-default-class: \"true\") on exactly one IngressClass. With several, the API server rejects new Ingresses without a class, and which controller serves existing ones is ambiguous.");

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var defaults = context.DefaultIngressClasses;
        if (defaults.Length < 2)
        {
            yield break;
        }

        var names = string.Join(", ", defaults.Select(d => d.Metadata.Name));
        foreach (var cls in defaults)
        {
            yield return Descriptor.Finding(
                cls,
                $"IngressClass {cls.Metadata.Name} is marked default, and so are others: {names}.",
                names,
                [new Evidence("field", $"metadata.annotations[{Model.IngressClass.DefaultClassAnnotation}]", "true")]);
        }
    }
}
