using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-014: an annotation the cluster forbids (by default the ingress-nginx snippet annotations).</summary>
public sealed class ForbiddenAnnotationRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-014",
        "Forbidden Ingress annotation",
        Severity.High,
        Layer.Namespace,
        "ingress",
        "Remove the annotation. Snippet annotations inject raw controller configuration and let a namespace read the controller's secrets (CVE-2021-25742); ask the cluster operators for a supported setting instead.");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        var forbidden = context.Config.Ingress.ForbiddenAnnotations;
        foreach (var (key, value) in ingress.Metadata.Annotations)
        {
            var pattern = forbidden.FirstOrDefault(p => Glob.Matches(p, key));
            if (pattern is null)
            {
                continue;
            }

            var critical = IngressNginxFacts.CriticalAnnotations.Contains(key);
            var risk = critical ? "Critical risk: injects raw NGINX configuration (CVE-2021-25742)."
                : IngressNginxFacts.HighRiskAnnotations.TryGetValue(key, out var why) ? $"High risk: {why}." : string.Empty;
            var finding = Found(
                ingress,
                owner,
                $"Ingress {ingress.Metadata.QualifiedName} carries the forbidden annotation {key}. {risk}".TrimEnd(),
                key,
                Field($"metadata.annotations[{key}]", Truncate(value)),
                new Evidence("boundary", "ingress.forbiddenAnnotations", pattern));
            yield return critical ? finding with { Severity = Severity.Critical } : finding;
        }
    }

    internal static string Truncate(string value) => value.Length <= 200 ? value : value[..200] + "…";
}
