using System.Collections.Immutable;
using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// Splits a subject's disallowed permissions (S2) by the boundary they cross and by the binding that grants them,
/// so that SOD-RBAC-001, 002, 003 and 005 report each permission exactly once, on its binding.
/// </summary>
internal static class BoundaryViolations
{
    public static BoundaryKind KindOf(DutyAnalysis analysis, SubjectDeclaration declaration, PolicyRule tuple)
    {
        if (!declaration.IsDeclared)
        {
            return declaration.IsBroad ? BoundaryKind.Broad : BoundaryKind.Undeclared;
        }

        return declaration.Team is { } team && analysis.DutiesDescribing(tuple).Any(d => team.Duties.Contains(d, StringComparer.Ordinal))
            ? BoundaryKind.OutsideNamespaces
            : BoundaryKind.OutsideLayer;
    }

    /// <summary>
    /// The subject's bindings that grant permissions crossing the boundary, in binding order. The duties named are those
    /// describing each permission, for a team outside its namespaces only the team's own.
    /// </summary>
    public static IEnumerable<BindingViolation> Of(DutyAnalysis analysis, SubjectDuties duties, BoundaryKind kind)
    {
        var declaration = duties.Declaration;
        var perBinding = new Dictionary<RbacBinding, (List<Grant> Grants, SortedDictionary<string, List<PolicyRule>> Duties)>(ReferenceEqualityComparer.Instance);
        foreach (var holding in duties.Holdings)
        {
            foreach (var grant in holding.Grants.Where(g => !g.IsAllowed))
            {
                foreach (var tuple in grant.Disallowed)
                {
                    if (KindOf(analysis, declaration, tuple) != kind
                        || (kind == BoundaryKind.OutsideNamespaces && !declaration.Team!.Duties.Contains(holding.Duty, StringComparer.Ordinal)))
                    {
                        continue;
                    }

                    if (!perBinding.TryGetValue(grant.Binding, out var v))
                    {
                        perBinding[grant.Binding] = v = ([], new SortedDictionary<string, List<PolicyRule>>(StringComparer.Ordinal));
                    }

                    if (!v.Grants.Contains(grant.Grant))
                    {
                        v.Grants.Add(grant.Grant);
                    }

                    if (!v.Duties.TryGetValue(holding.Duty, out var tuples))
                    {
                        v.Duties[holding.Duty] = tuples = [];
                    }

                    if (!tuples.Contains(tuple))
                    {
                        tuples.Add(tuple);
                    }
                }
            }
        }

        return perBinding
            .OrderBy(p => p.Key, BindingOrder.Instance)
            .Select(p => new BindingViolation(
                p.Key,
                [.. p.Value.Grants.OrderBy(g => g.RuleIndex)],
                p.Value.Duties.ToImmutableSortedDictionary(d => d.Key, d => d.Value.ToImmutableArray(), StringComparer.Ordinal)));
    }

    /// <summary>A finding of a boundary rule about one binding, with the chain and the duties' permissions as evidence.</summary>
    public static Finding Finding(RuleDescriptor descriptor, DutyAnalysis analysis, SubjectDeclaration declaration, BindingViolation violation, string message)
    {
        var evidence = DutyEvidence.Chain(declaration, violation.Binding, violation.Grants)
            .Concat(violation.Duties.Select(d => new Evidence("duty", d.Key, $"{DutyEvidence.Permissions(d.Value)} ({DutyEvidence.InScope(violation.Namespace)})")));
        var finding = descriptor.Finding(
            violation.Binding,
            message,
            violation.Key,
            evidence,
            declaration.Subject,
            team: DutyEvidence.TeamOf(analysis, declaration, violation.Binding));
        return DutyEvidence.Mark(
            finding with { Layer = descriptor.Layer == Layer.Namespace ? Layer.Namespace : DutyEvidence.OwningLayer(analysis, [.. violation.Duties.Keys], violation.Namespace) },
            DutyEvidence.IsBuiltin(declaration, violation.Binding));
    }
}
