using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-002: the same host and path on the same class claimed from two namespaces (one can hijack the other's traffic).</summary>
public sealed class HostPathConflictRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-002",
        "Host and path claimed by two namespaces",
        Severity.High,
        Layer.Namespace,
        "ingress",
        "Give each host to exactly one namespace: remove the duplicate rule from the namespace that does not own the host, and restrict hosts per team in scanner.yaml.");

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claims = new List<(string Key, Model.Ingress Ingress, int Rule, int Path, string Host, string PathText)>();
        foreach (var ing in context.Snapshot.Ingresses)
        {
            var cls = context.EffectiveIngressClass(ing) ?? "(none)";
            for (var r = 0; r < ing.Rules.Length; r++)
            {
                var host = ing.Rules[r].Host;
                if (string.IsNullOrEmpty(host))
                {
                    continue;
                }

                for (var p = 0; p < ing.Rules[r].Paths.Length; p++)
                {
                    var path = string.IsNullOrEmpty(ing.Rules[r].Paths[p].Path) ? "/" : ing.Rules[r].Paths[p].Path!;
                    claims.Add(($"{cls}\n{host.ToLowerInvariant()}\n{path}", ing, r, p, host.ToLowerInvariant(), path));
                }
            }
        }

        foreach (var group in claims.GroupBy(c => c.Key, StringComparer.Ordinal))
        {
            var namespaces = group.Select(c => c.Ingress.Metadata.Namespace).Distinct(StringComparer.Ordinal).Count();
            if (namespaces < 2)
            {
                continue;
            }

            foreach (var claim in group.DistinctBy(c => c.Ingress.Reference))
            {
                var others = group.Where(c => c.Ingress.Metadata.Namespace != claim.Ingress.Metadata.Namespace)
                    .Select(c => c.Ingress.Metadata.QualifiedName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var team = context.Ownership.TeamOf(claim.Ingress.Metadata.Namespace ?? "default");
                yield return Descriptor.Finding(
                    claim.Ingress,
                    $"Ingress {claim.Ingress.Metadata.QualifiedName} claims {claim.Host}{claim.PathText}, which is also claimed from another namespace by {string.Join(", ", others)}.",
                    $"{claim.Host}{claim.PathText}",
                    [
                        new Evidence("field", $"spec.rules[{claim.Rule}].http.paths[{claim.Path}]", $"{claim.Host}{claim.PathText}"),
                        new Evidence("object", string.Join(", ", others.Select(o => "Ingress/" + o)), "claims the same host and path on the same class"),
                    ],
                    team: team?.Name);
            }
        }
    }
}
