using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules;

/// <summary>
/// An <see cref="ISubjectRule"/> whose findings about a subject also depend on other subjects' grants (an escalation
/// path into a service account's duties changes when the service account's grants do). After a change, the evaluator
/// recomputes the changed subjects and the subjects this rule names as related.
/// </summary>
public interface IRelatedSubjectsRule : ISubjectRule
{
    /// <summary>
    /// Subjects whose findings may change, besides <paramref name="changed"/> themselves, when the grants of
    /// <paramref name="changed"/> change; null when every subject's may.
    /// </summary>
    /// <param name="context">The context after the change.</param>
    /// <param name="changed">The subjects whose grants changed (canonical).</param>
    IReadOnlyCollection<Subject>? RelatedSubjects(EvaluationContext context, IReadOnlyCollection<Subject> changed);
}
