using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-004: a subject holds every duty of a <c>separation</c> rule in one scope. Cluster-wide holdings count for
/// every namespace. <c>beyond: own-namespaces</c> allows the combination in the subject's own namespaces (its team's,
/// or its layer's); <c>anywhere</c> allows it nowhere.
/// </summary>
/// <remarks>
/// Each finding is about one binding: in each scope where the duties meet, the bindings that grant the whole combination
/// there by themselves, or, when none does, every binding that grants part of it.
/// </remarks>
public sealed class ToxicCombinationRule : DutyRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-004",
        "Toxic combination of duties",
        Severity.High,
        Layer.Security,
        "rbac",
        "Split the duties between different subjects (for example one service account publishes routes, another manages certificates), or confine the combination to the subject's own namespaces with RoleBindings there.")
    {
        Inputs = RuleInputs.Rbac,
    };

    protected override IEnumerable<Finding> EvaluateSubject(EvaluationContext context, Subject subject)
    {
        var analysis = context.Duties;
        var duties = analysis.Of(subject);
        foreach (var separation in context.Config.Separation)
        {
            foreach (var finding in Evaluate(analysis, duties, separation))
            {
                yield return finding;
            }
        }
    }

    private static IEnumerable<RbacBinding> Bindings(SubjectDuties duties, string duty, string? ns) =>
        duties.Of(duty).Where(h => h.Namespace is null || h.Namespace == ns).SelectMany(h => h.Grants).Select(g => g.Binding);

    private IEnumerable<Finding> Evaluate(DutyAnalysis analysis, SubjectDuties duties, SeparationRule separation)
    {
        if (separation.Duties.IsEmpty || !separation.Duties.All(d => duties.Of(d).Any()))
        {
            yield break;
        }

        var declaration = duties.Declaration;
        var scopes = new List<string?>();
        if (separation.Duties.All(d => duties.Holds(d, null)))
        {
            // Held together cluster-wide: in every namespace, so beyond any subject's own.
            scopes.Add(null);
        }
        else
        {
            var namespaces = separation.Duties.SelectMany(d => duties.Of(d)).Where(h => h.Namespace is not null)
                .Select(h => h.Namespace!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            scopes.AddRange(namespaces.Where(ns =>
                separation.Duties.All(d => duties.Holds(d, ns))
                && (separation.Beyond == SeparationRule.BeyondAnywhere || !analysis.IsOwnNamespace(declaration, ns))));
        }

        var reported = new Dictionary<RbacBinding, List<string?>>(ReferenceEqualityComparer.Instance);
        foreach (var scope in scopes)
        {
            var granting = separation.Duties.Select(d => Bindings(duties, d, scope).ToHashSet(ReferenceEqualityComparer.Instance)).ToList();
            var whole = granting.Skip(1).Aggregate(new HashSet<object?>(granting[0], ReferenceEqualityComparer.Instance), (acc, set) =>
            {
                acc.IntersectWith(set);
                return acc;
            });
            var chosen = whole.Count > 0 ? whole : granting.SelectMany(s => s).ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var binding in chosen.Cast<RbacBinding>())
            {
                if (!reported.TryGetValue(binding, out var list))
                {
                    reported[binding] = list = [];
                }

                list.Add(scope);
            }
        }

        var beyond = separation.Beyond == SeparationRule.BeyondAnywhere ? "anywhere" : "outside the subject's own namespaces";
        var allows = separation.Beyond == SeparationRule.BeyondAnywhere ? "allows them together nowhere" : "allows them together only in the subject's own namespaces";
        foreach (var (binding, where) in reported.OrderBy(p => p.Key, BindingOrder.Instance))
        {
            var grants = duties.Holdings
                .Where(h => separation.Duties.Contains(h.Duty, StringComparer.Ordinal) && where.Any(w => h.Namespace is null || h.Namespace == w))
                .SelectMany(h => h.Grants)
                .Where(g => ReferenceEquals(g.Binding, binding))
                .ToList();
            var scopeText = where.Contains(null) ? "cluster-wide" : $"in namespace{(where.Count > 1 ? "s" : string.Empty)} {string.Join(", ", where)}";
            var held = DutyEvidence.And([.. separation.Duties]);
            var granted = separation.Duties.Where(d => duties.Of(d).Any(h =>
                (h.Namespace is null || where.Contains(h.Namespace)) && h.Grants.Any(g => ReferenceEquals(g.Binding, binding)))).ToList();
            var evidence = DutyEvidence.Chain(declaration, binding, grants.Select(g => g.Grant))
                .Append(new Evidence("separation", separation.Name, $"{held} must not be held together {beyond} (beyond: {separation.Beyond})"))
                .Concat(separation.Duties.Select(d => new Evidence("duty", d, Held(duties, d, where))));
            var finding = Descriptor.Finding(
                binding,
                $"{duties.Subject} holds {held} together {scopeText} (separation {separation.Name} {allows}); {DutyEvidence.Via(binding)} grants {(granted.Count == separation.Duties.Length ? "all of them" : DutyEvidence.And(granted))}.",
                separation.Name,
                evidence,
                duties.Subject,
                team: DutyEvidence.TeamOf(analysis, declaration, binding)) with
            {
                Severity = separation.Severity,
                Layer = declaration.Team is not null ? Layer.Namespace : DutyEvidence.OwningLayer(analysis, [.. separation.Duties], where.Contains(null) ? null : where[0]),
            };
            yield return DutyEvidence.Mark(finding, DutyEvidence.IsBuiltin(declaration, binding));
        }
    }

    /// <summary>Where and through which bindings the subject holds a duty, within the combination's scopes.</summary>
    private static string Held(SubjectDuties duties, string duty, List<string?> where)
    {
        var parts = duties.Of(duty)
            .Where(h => h.Namespace is null || where.Contains(h.Namespace))
            .Select(h => $"{h.Scope} through {string.Join(", ", h.Grants.Select(g => $"{g.Binding.Kind} {g.Binding.Metadata.QualifiedName}").Distinct(StringComparer.Ordinal))}");
        return string.Join("; ", parts);
    }
}
