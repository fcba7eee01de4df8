using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-017: the ingress-nginx controller is configured to accept snippets or unvalidated risky annotations.</summary>
public sealed class ControllerConfigRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-017",
        "ingress-nginx accepts snippet or unvalidated annotations",
        Severity.High,
        Layer.Cluster,
        "ingress",
        "In the controller ConfigMap set allow-snippet-annotations: \"false\", annotations-risk-level: High (or lower) and enable-annotation-validation: \"true\". Then every namespace that can write an Ingress can no longer rewrite the controller's configuration.");

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var cm in IngressNginxControllers.ConfigMaps(context.Snapshot.Workloads, context.Snapshot.ConfigMaps))
        {
            foreach (var (setting, bad, why) in Checks)
            {
                if (cm.Data.TryGetValue(setting, out var value) && string.Equals(value.Trim(), bad, StringComparison.OrdinalIgnoreCase))
                {
                    yield return Descriptor.Finding(
                        cm,
                        $"ingress-nginx ConfigMap {cm.Metadata.QualifiedName} sets {setting}: \"{value}\": {why}",
                        setting,
                        [new Evidence("field", $"data[{setting}]", value)]);
                }
            }
        }
    }

    private static readonly (string Setting, string Bad, string Why)[] Checks =
    [
        ("allow-snippet-annotations", "true", "every Ingress author can inject raw NGINX configuration (CVE-2021-25742)."),
        ("annotations-risk-level", "Critical", "the controller accepts Critical-risk annotations such as the snippets."),
        ("enable-annotation-validation", "false", "annotation values are not validated (CVE-2025-24514, CVE-2025-1097, CVE-2025-1098)."),
    ];
}
