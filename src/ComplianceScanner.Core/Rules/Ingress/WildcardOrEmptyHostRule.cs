using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-003: a rule without a host (catch-all) or with a wildcard host.</summary>
public sealed class WildcardOrEmptyHostRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-003",
        "Wildcard or empty Ingress host",
        Severity.Medium,
        Layer.Namespace,
        "ingress",
        "Name the exact host in spec.rules[].host. A rule without a host catches every host the controller serves; a wildcard catches every name one label below it.");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        for (var i = 0; i < ingress.Rules.Length; i++)
        {
            var host = ingress.Rules[i].Host;
            if (string.IsNullOrEmpty(host))
            {
                yield return Found(
                    ingress,
                    owner,
                    $"Ingress {ingress.Metadata.QualifiedName} has a rule without a host: it receives requests for any host the controller serves.",
                    $"(empty)#{i}",
                    Field($"spec.rules[{i}].host", "(empty)"));
            }
            else if (HostPattern.IsWildcard(host))
            {
                yield return Found(
                    ingress,
                    owner,
                    $"Ingress {ingress.Metadata.QualifiedName} uses the wildcard host {host}.",
                    host,
                    Field($"spec.rules[{i}].host", host));
            }
        }
    }
}
