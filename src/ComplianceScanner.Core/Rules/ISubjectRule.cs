using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules;

/// <summary>
/// A rule whose findings are each about one subject and depend only on that subject's effective grants (and the
/// config). After a binding changes, the evaluator recomputes its findings for the affected subjects only, keeping the
/// rest: that is what makes re-evaluation after one change cheap on a large cluster.
/// <see cref="IRule.Evaluate"/> must equal <see cref="EvaluateSubjects"/> over every subject of the index.
/// </summary>
public interface ISubjectRule : IRule
{
    IEnumerable<Finding> EvaluateSubjects(EvaluationContext context, IReadOnlyCollection<Subject> subjects);
}
