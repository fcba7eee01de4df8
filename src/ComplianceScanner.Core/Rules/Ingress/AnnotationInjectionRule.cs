using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-016: an ingress-nginx annotation value carries a configuration-injection token.</summary>
public sealed class AnnotationInjectionRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-016",
        "Configuration injection in an ingress-nginx annotation",
        Severity.High,
        Layer.Namespace,
        "ingress",
        "Remove the token from the annotation value. Cluster operators: keep the controller's annotation-value-word-blocklist and enable-annotation-validation on, and upgrade past CVE-2025-24514/CVE-2025-1097/CVE-2025-1098.");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        var forbidden = context.Config.Ingress.ForbiddenAnnotations;
        foreach (var (key, value) in ingress.Metadata.Annotations)
        {
            // Forbidden annotations are SOD-ING-014's already; reporting their content again adds noise, not information.
            if (!key.StartsWith(IngressNginxFacts.AnnotationPrefix, StringComparison.Ordinal) || Glob.MatchesAny(forbidden, key))
            {
                continue;
            }

            var tokens = IngressNginxFacts.ValueBlocklist.Where(t => value.Contains(t, StringComparison.Ordinal)).ToList();
            if (tokens.Count == 0)
            {
                continue;
            }

            var advisory = IngressNginxFacts.HighRiskAnnotations.TryGetValue(key, out var why) ? $" ({why})" : string.Empty;
            yield return Found(
                ingress,
                owner,
                $"Ingress {ingress.Metadata.QualifiedName}: annotation {key}{advisory} contains {string.Join(", ", tokens.Select(t => "'" + t + "'"))}, which only configuration injection needs.",
                key,
                Field($"metadata.annotations[{key}]", ForbiddenAnnotationRule.Truncate(value)));
        }
    }
}
