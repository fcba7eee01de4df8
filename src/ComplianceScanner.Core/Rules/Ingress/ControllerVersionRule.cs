using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-018: an ingress-nginx controller that is vulnerable to CVE-2025-1974, or that runs a retired project.</summary>
public sealed class ControllerVersionRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-018",
        "Vulnerable or unsupported ingress-nginx controller",
        Severity.Critical,
        Layer.Cluster,
        "ingress",
        "Upgrade the controller to 1.11.5, 1.12.1 or later at once (CVE-2025-1974), and plan the move to a maintained controller or Gateway API: ingress-nginx receives no security fixes after March 2026.");

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var retired = context.Today > IngressNginxFacts.RetiredAfter;
        foreach (var (w, c, version) in IngressNginxControllers.Containers(context.Snapshot.Workloads))
        {
            var vulnerable = version is not null && IngressNginxFacts.IsVulnerableToIngressNightmare(version);
            if (!vulnerable && !retired)
            {
                continue;
            }

            var parts = new List<string>();
            if (vulnerable)
            {
                parts.Add($"version {version} is vulnerable to CVE-2025-1974 (unauthenticated remote code execution through the admission webhook; fixed in 1.11.5 and 1.12.1)");
            }

            if (retired)
            {
                parts.Add("the ingress-nginx project is retired and publishes no security fixes after March 2026");
            }

            var finding = Descriptor.Finding(
                w,
                $"{w.Kind} {w.Metadata.QualifiedName} runs ingress-nginx {c.Image}: {string.Join("; ", parts)}.",
                c.Image,
                [new Evidence("field", $"spec.template.spec.containers[{c.Name}].image", c.Image)]);
            yield return vulnerable ? finding : finding with { Severity = Severity.Medium };
        }
    }
}
