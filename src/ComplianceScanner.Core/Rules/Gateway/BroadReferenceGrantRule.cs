using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Gateway;

/// <summary>
/// SOD-GW-006: a ReferenceGrant allows more than the references that use it: a <c>to</c> entry without a name (every
/// Service or Secret of the namespace), or a <c>from</c> entry no reference in the snapshot uses.
/// </summary>
public sealed class BroadReferenceGrantRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-GW-006",
        "ReferenceGrant broader than needed",
        Severity.Medium,
        Layer.Namespace,
        "gateway",
        "Name the one object each to entry is for (to: [{group: \"\", kind: Service, name: ...}]), and remove from entries (or whole grants) that no Route or Gateway uses: every extra entry lets another namespace reach objects its owners never meant to share.");

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Snapshot.ReferenceGrants.IsEmpty)
        {
            yield break;
        }

        var references = CrossNamespaceReference.All(context.Snapshot).ToList();
        foreach (var grant in context.Snapshot.ReferenceGrants)
        {
            var ns = grant.Metadata.Namespace ?? string.Empty;
            var team = context.Ownership.TeamOf(ns)?.Name;
            var users = references.Where(r => r.AllowedBy(grant)).ToList();
            for (var i = 0; i < grant.To.Length; i++)
            {
                var to = grant.To[i];
                if (to.Name is not null)
                {
                    continue;
                }

                var used = users.Where(r => r.Reference.Group == to.Group && r.Reference.Kind == to.Kind)
                    .Select(r => r.Reference.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                yield return Descriptor.Finding(
                    grant,
                    $"ReferenceGrant {grant.Metadata.QualifiedName} lets {Froms(grant)} refer to every {to.Kind} in namespace {ns}{(used.Count == 0 ? ", and nothing uses it" : $", though only {string.Join(", ", used)} {(used.Count == 1 ? "is" : "are")} referred to")}.",
                    $"to[{i}]",
                    [GatewayEvidence.Field($"spec.to[{i}]", $"group \"{to.Group}\", kind {to.Kind}, no name: every {to.Kind} of {ns}"), Users(users)],
                    team: team);
            }

            for (var i = 0; i < grant.From.Length; i++)
            {
                var from = grant.From[i];
                if (users.Any(r => r.FromNamespace == from.Namespace && r.From.Kind == from.Kind && from.Group == GatewayApi.Group))
                {
                    continue;
                }

                yield return Descriptor.Finding(
                    grant,
                    $"ReferenceGrant {grant.Metadata.QualifiedName} lets {from.Kind}s of namespace {from.Namespace} refer into {ns}, but no {from.Kind} in the snapshot uses it.",
                    $"from[{i}]",
                    [GatewayEvidence.Field($"spec.from[{i}]", $"group \"{from.Group}\", kind {from.Kind}, namespace {from.Namespace}"), Users(users)],
                    team: team);
            }
        }
    }

    private static string Froms(ReferenceGrant grant) =>
        string.Join(" and ", grant.From.Select(f => $"{f.Kind}s of {f.Namespace}").DefaultIfEmpty("nobody"));

    private static Evidence Users(List<CrossNamespaceReference> users) => new(
        "object",
        "references using the grant",
        users.Count == 0 ? "(none)" : string.Join("; ", users.Select(u => $"{u.From.Reference}: {u.Reference.Path} -> {u.Reference.Describe(u.FromNamespace)}")));
}
