using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-008: TLS is configured, but some rule host is not in any TLS entry and is served in plain text.</summary>
public sealed class TlsHostsNotCoveredRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-008",
        "TLS hosts do not cover the rule hosts",
        Severity.Medium,
        Layer.Namespace,
        "ingress",
        "List every host of spec.rules in a spec.tls[].hosts entry whose certificate covers it.");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        if (ingress.Tls.IsEmpty)
        {
            yield break;
        }

        var tlsHosts = ingress.Tls.SelectMany(t => t.Hosts).ToList();
        for (var i = 0; i < ingress.Rules.Length; i++)
        {
            var host = ingress.Rules[i].Host;
            if (string.IsNullOrEmpty(host) || HostPattern.CoveredByAny(tlsHosts, host))
            {
                continue;
            }

            yield return Found(
                ingress,
                owner,
                $"Ingress {ingress.Metadata.QualifiedName} has TLS, but host {host} is in no spec.tls entry.",
                host,
                Field($"spec.rules[{i}].host", host),
                Field("spec.tls[*].hosts", tlsHosts.Count == 0 ? "(none)" : string.Join(", ", tlsHosts)));
        }
    }
}
