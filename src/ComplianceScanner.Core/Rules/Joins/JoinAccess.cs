using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Rules.Rbac;

namespace ComplianceScanner.Core.Rules.Joins;

/// <summary>
/// The RBAC half of the RBAC x Ingress joins: who outside the cluster layer holds a permission, one entry per subject
/// and binding (its first granting rule), with the evidence chain subject -> binding -> role -> rule.
/// </summary>
internal static class JoinAccess
{
    /// <summary>A subject outside the cluster layer and the grant through which it holds the permission.</summary>
    public sealed record Holder(Subject Subject, SubjectStanding Standing, Grant Grant, IReadOnlyList<string> Verbs);

    /// <summary>
    /// Holders of any of <paramref name="verbs"/> on the resource; <paramref name="clusterScoped"/> ignores RoleBinding
    /// grants (they never reach cluster-scoped objects). Empty when RBAC could not be read completely. With
    /// <paramref name="only"/>, just those subjects (canonical), for re-evaluation after a binding change.
    /// </summary>
    public static List<Holder> OutsideClusterLayer(
        EvaluationContext context, string group, string resource, IReadOnlyList<string> verbs, bool clusterScoped, IReadOnlyCollection<Subject>? only = null)
    {
        if (!RbacInputs.Complete(context))
        {
            return [];
        }

        var standings = new SubjectStandings(context);
        var rule = new PolicyRule { ApiGroups = [group], Resources = [resource], Verbs = [.. verbs] };
        var coverage = only is null
            ? context.Permissions.WhoHolds(rule, includeNameRestricted: false, includeSystemMasters: false)
            : only.Select(SubjectIdentity.Canonical).Distinct().SelectMany(s => context.Permissions.GrantsCovering(s, rule));
        return [.. coverage
            .Where(c => c.IsFull && c.Grant.Binding is not null && c.Grant.Role is not null && c.Grant.Source is not null && (!clusterScoped || c.Grant.IsClusterWide))
            .Select(c => (Coverage: c, Standing: standings.Of(c.Subject)))
            .Where(x => !x.Standing.IsClusterLayer)
            .GroupBy(x => (Subject: SubjectIdentity.Canonical(x.Coverage.Subject), Binding: x.Coverage.Grant.Binding!.Reference))
            .OrderBy(g => g.Key.Subject.ToString(), StringComparer.Ordinal)
            .ThenBy(g => g.Key.Binding)
            .Select(g =>
            {
                var first = g.First();
                var held = g.SelectMany(x => x.Coverage.Covered).SelectMany(t => t.Verbs).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                return new Holder(g.Key.Subject, first.Standing, first.Coverage.Grant, held);
            })];
    }

    /// <summary>The RBAC half of a finding's evidence.</summary>
    public static IEnumerable<Evidence> Chain(EvaluationContext context, Holder holder)
    {
        yield return RbacEvidence.Subject(holder.Subject, holder.Standing);
        yield return RbacEvidence.Binding(holder.Grant.Binding!, context);
        yield return RbacEvidence.Role(holder.Grant.Role!);
        yield return RbacEvidence.Rule(holder.Grant.Role!, holder.Grant.Source!, $"allows {string.Join(", ", holder.Verbs)}");
    }

    /// <summary>A finding, marked built-in when the subject or its binding is Kubernetes' own (shown, not counted).</summary>
    public static Finding Built(Finding finding, Holder holder) =>
        BuiltinRecognition.IsBuiltinSubject(holder.Subject) || BuiltinRecognition.IsBuiltinGrant(holder.Grant)
            ? finding with { State = FindingState.Builtin }
            : finding;
}
