using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// Base of the RBAC rules judged one subject at a time from <see cref="EvaluationContext.Duties"/>. Every finding is
/// about one subject (canonical) and one of its bindings; the rules stay silent when RBAC could not be read completely.
/// </summary>
public abstract class DutyRuleBase : ISubjectRule
{
    public abstract RuleDescriptor Descriptor { get; }

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !RbacInputs.Complete(context) ? [] : Candidates(context).SelectMany(s => EvaluateSubject(context, s));
    }

    public IEnumerable<Finding> EvaluateSubjects(EvaluationContext context, IReadOnlyCollection<Subject> subjects)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(subjects);
        return !RbacInputs.Complete(context) ? [] : subjects.Select(SubjectIdentity.Canonical).Distinct().SelectMany(s => EvaluateSubject(context, s));
    }

    /// <summary>
    /// Every subject that can have a finding, for a full evaluation; by default those holding a duty. Must include every
    /// subject for which <see cref="EvaluateSubject"/> yields something.
    /// </summary>
    protected virtual IEnumerable<Subject> Candidates(EvaluationContext context) => context.Duties.Subjects.Select(d => d.Subject);

    /// <summary>The findings about one canonical subject.</summary>
    protected abstract IEnumerable<Finding> EvaluateSubject(EvaluationContext context, Subject subject);
}
