using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-006: a subject outside the cluster layer can obtain a duty it neither holds nor may hold in that scope:
/// bind or escalate on roles, impersonation, creating pods or workloads (or tokens) as a service account that holds the
/// duty. One finding per binding that opens paths, reported as the paths. See <see cref="EscalationAnalysis"/>.
/// </summary>
public sealed class EscalationPathRule : DutyRuleBase, IRelatedSubjectsRule
{
    /// <summary>Paths listed in one finding's evidence; the rest are counted.</summary>
    public const int MaxPathsInEvidence = 25;

    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-006",
        "Escalation path into a duty",
        Severity.High,
        Layer.Cluster,
        "rbac",
        "Remove the permission that opens the path (bind, escalate, impersonate, or create on pods, workloads or serviceaccounts/token where the namespace's service accounts hold duties), or move the privileged service account to a namespace the subject cannot deploy to.")
    {
        Inputs = RuleInputs.Rbac,
    };

    public IReadOnlyCollection<Subject>? RelatedSubjects(EvaluationContext context, IReadOnlyCollection<Subject> changed)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !RbacInputs.Complete(context) ? [] : context.Duties.Escalations.RelatedTo(changed);
    }

    protected override IEnumerable<Subject> Candidates(EvaluationContext context) => context.Duties.Escalations.Candidates;

    protected override IEnumerable<Finding> EvaluateSubject(EvaluationContext context, Subject subject)
    {
        var analysis = context.Duties;
        var paths = analysis.Escalations.PathsOf(subject);
        if (paths.IsEmpty)
        {
            yield break;
        }

        var declaration = analysis.Declaration(subject);
        foreach (var group in paths.GroupBy(p => p.Binding, ReferenceEqualityComparer.Instance))
        {
            var binding = (RbacBinding)group.Key!;
            var list = group.ToList();
            List<string> duties = [.. list.SelectMany(p => p.Duties).Select(d => d.Duty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            var evidence = DutyEvidence.Chain(declaration, binding, list.Select(p => p.Grant)).ToList();
            foreach (var companion in list.Select(p => p.Companion).OfType<Permissions.Grant>().DistinctBy(g => (g.Binding, g.RuleIndex)))
            {
                evidence.Add(new Evidence("companion", $"{DutyEvidence.Via(companion.Binding!)} {DutyEvidence.Rule(companion).Reference}", companion.Rule.ToString()));
            }

            evidence.AddRange(list.Take(MaxPathsInEvidence).Select(p => new Evidence("path", p.Description, Reaches(p))));
            if (list.Count > MaxPathsInEvidence)
            {
                evidence.Add(new Evidence("path", $"{list.Count - MaxPathsInEvidence} more", "further paths of this binding are not listed"));
            }

            var more = list.Count > 1 ? $" (and {list.Count - 1} more path{(list.Count > 2 ? "s" : string.Empty)})" : string.Empty;
            var clusterWide = list.SelectMany(p => p.Duties).Any(d => d.Namespace is null);
            var finding = Descriptor.Finding(
                binding,
                $"{subject} can obtain {DutyEvidence.And(duties)} through {DutyEvidence.Via(binding)}: it can {list[0].Description}{more}.",
                string.Join(',', duties),
                evidence,
                subject,
                team: DutyEvidence.TeamOf(analysis, declaration, binding)) with
            {
                Layer = DutyEvidence.OwningLayer(analysis, duties, clusterWide ? null : list.SelectMany(p => p.Duties).First().Namespace),
            };
            yield return DutyEvidence.Mark(finding, DutyEvidence.IsBuiltin(declaration, binding));
        }
    }

    private static string Reaches(EscalationPath path) => "reaches " + string.Join("; ", path.Duties.Select(d =>
        $"{d.Duty} {d.Scope}" + (d.Grants.IsEmpty ? string.Empty : $" (held through {DutyEvidence.Via(d.Grants[0].Binding!)})")));
}
