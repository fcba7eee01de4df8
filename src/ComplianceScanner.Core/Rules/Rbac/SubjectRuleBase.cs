using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// Base of the RBAC rules that judge each binding of one subject on its own (one finding per subject and binding):
/// the findings of a subject depend only on the bindings naming it, so <see cref="EvaluateSubjects"/> recomputes them
/// for changed subjects only (<see cref="PermissionIndex.BindingsOf"/>). A full evaluation visits every binding once
/// (<see cref="PermissionIndex.AllSubjectBindings"/>) and rules memoise their analysis per role, so it is linear in the
/// bindings and never pairs subjects with namespaces or roles. As every finding is about one binding and depends on nothing
/// else that a binding change touches (the subject's standing comes from the config), a changed binding is re-judged on
/// its own (<see cref="EvaluateObjects"/>).
/// </summary>
public abstract class SubjectRuleBase : ISubjectRule, IBindingScopedRule
{
    public abstract RuleDescriptor Descriptor { get; }

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!RbacInputs.Complete(context))
        {
            return [];
        }

        if (ConcernedSubjects is { } few)
        {
            return EvaluateSubjects(context, few);
        }

        // One pass over the bindings: the same findings as EvaluateSubjects over every subject, without a lookup per subject.
        var standings = new SubjectStandings(context);
        var byStanding = new Dictionary<Subject, SubjectStanding?>();
        var findings = new List<Finding>();
        foreach (var binding in context.Permissions.AllSubjectBindings())
        {
            if (!byStanding.TryGetValue(binding.Subject, out var standing))
            {
                var s = standings.Of(binding.Subject);
                standing = Concerns(binding.Subject) && !Exempt(s) ? s : null;
                byStanding[binding.Subject] = standing;
            }

            if (standing is not null && Judge(standings, standing, binding) is { } finding)
            {
                findings.Add(finding);
            }
        }

        return findings;
    }

    public IEnumerable<Finding> EvaluateSubjects(EvaluationContext context, IReadOnlyCollection<Subject> subjects)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(subjects);
        if (!RbacInputs.Complete(context))
        {
            return [];
        }

        var standings = new SubjectStandings(context);
        var index = context.Permissions;
        var findings = new List<Finding>();
        foreach (var subject in subjects.Distinct())
        {
            if (!IsIndexable(subject) || !Concerns(subject))
            {
                continue;
            }

            var standing = standings.Of(subject);
            if (Exempt(standing))
            {
                continue;
            }

            foreach (var binding in index.BindingsOf(subject))
            {
                // A binding naming one identity twice (a ServiceAccount and its user name) belongs to its first entry.
                if (binding.Subject.Equals(subject) && Judge(standings, standing, binding) is { } finding)
                {
                    findings.Add(finding);
                }
            }
        }

        return findings;
    }

    public IReadOnlyCollection<ObjectReference>? AffectedObjects(EvaluationContext context, IReadOnlyCollection<RbacBinding> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return [.. changed.Select(b => b.Reference).Distinct()];
    }

    public IEnumerable<Finding> EvaluateObjects(EvaluationContext context, IReadOnlyCollection<ObjectReference> objects)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(objects);
        if (!RbacInputs.Complete(context))
        {
            return [];
        }

        var standings = new SubjectStandings(context);
        var few = ConcernedSubjects;
        var findings = new List<Finding>();
        foreach (var binding in objects.Distinct().SelectMany(context.Permissions.SubjectBindingsOf))
        {
            // As Evaluate: a rule with fixed subjects judges bindings naming exactly those.
            if (!Concerns(binding.Subject) || (few is not null && !few.Contains(binding.Subject)))
            {
                continue;
            }

            var standing = standings.Of(binding.Subject);
            if (!Exempt(standing) && Judge(standings, standing, binding) is { } finding)
            {
                findings.Add(finding);
            }
        }

        return findings;
    }

    /// <summary>
    /// When the rule concerns a few fixed subjects only (the anonymous identities), those subjects: a full evaluation then
    /// looks them up instead of visiting every binding. Null (every subject) by default; must agree with <see cref="Concerns"/>.
    /// </summary>
    protected virtual IReadOnlyCollection<Subject>? ConcernedSubjects => null;

    /// <summary>A cheap filter on the subject itself (e.g. only the anonymous identities); all subjects by default.</summary>
    protected virtual bool Concerns(Subject subject) => true;

    /// <summary>Subjects whose bindings the rule never judges; the cluster layer by default (hygiene rules guard its boundary).</summary>
    protected virtual bool Exempt(SubjectStanding standing) => standing.IsClusterLayer;

    /// <summary>The finding for one binding naming the subject, or null.</summary>
    protected abstract Finding? Judge(SubjectStandings standings, SubjectStanding standing, SubjectBinding binding);

    /// <summary>
    /// A finding on the binding, about the subject, tagged with the subject's team (or the namespace's team), and shown as
    /// built-in when the subject is a Kubernetes identity or the binding ships with Kubernetes or the platform.
    /// </summary>
    protected Finding Report(
        SubjectStandings standings,
        SubjectStanding standing,
        SubjectBinding binding,
        string message,
        string key,
        IEnumerable<Evidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(standings);
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(binding);
        var team = standing.Team?.Name
            ?? (binding.Namespace is { } ns ? standings.Context.Ownership.TeamOf(ns)?.Name : null);
        var finding = Descriptor.Finding(binding.Binding, message, key, evidence, subject: binding.Subject, team: team);
        return BuiltinRecognition.IsBuiltinSubject(binding.Subject) || BuiltinRecognition.IsBuiltinObject(binding.Binding)
            ? finding with { State = FindingState.Builtin }
            : finding;
    }

    /// <summary><c>cluster-wide</c> or <c>in namespace shop</c>, for messages.</summary>
    protected static string Where(SubjectBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return binding.Namespace is { } ns ? $"in namespace {ns}" : "cluster-wide";
    }

    /// <summary>The boundary evidence of rules that allow a permission by duty (S2): the duties the subject may hold there.</summary>
    protected static Evidence DutiesEvidence(SubjectStanding standing, IEnumerable<Layers.Duty> duties, string verdict)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(duties);
        var names = duties.Select(d => d.Name).ToList();
        return new Evidence(
            "boundary",
            $"duties allowed cluster-wide ({standing.Description})",
            names.Count == 0 ? "none" : $"{string.Join(", ", names)}: {verdict}");
    }

    /// <summary><c>ClusterRoleBinding x -> ClusterRole/y</c>, for messages.</summary>
    protected static string Via(SubjectBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var role = binding.Role?.DisplayName ?? binding.Binding.RoleRef.ToString();
        return $"{binding.Binding.Kind} {binding.Binding.Metadata.QualifiedName} -> {role}";
    }

    private static bool IsIndexable(Subject s) => s.Kind switch
    {
        Subject.UserKind or Subject.GroupKind => true,
        Subject.ServiceAccountKind => !string.IsNullOrEmpty(s.Namespace),
        _ => false,
    };
}
