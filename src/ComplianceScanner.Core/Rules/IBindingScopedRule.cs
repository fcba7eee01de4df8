using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules;

/// <summary>
/// A rule every finding of which is about one object (<see cref="Finding.Object"/>), and which can name the objects whose
/// findings a change of some bindings can affect (the bindings themselves, the roles they reference). When the evaluator
/// knows the changed bindings (<see cref="Evaluation.Evaluator.Reevaluate(EvaluationResult, EvaluationContext, RbacBinding?, RbacBinding?)"/>),
/// it drops the rule's previous findings about those objects and adds <see cref="EvaluateObjects"/> for them, instead of
/// re-running the rule for every subject of the changed bindings (a team group has hundreds of bindings).
/// </summary>
public interface IBindingScopedRule : IRule
{
    /// <summary>
    /// The objects whose findings may change when <paramref name="changed"/> change (each binding as it was before and as it
    /// is after the change); null when any object's may.
    /// </summary>
    /// <param name="context">The context after the change.</param>
    /// <param name="changed">The changed bindings, before and after.</param>
    IReadOnlyCollection<ObjectReference>? AffectedObjects(EvaluationContext context, IReadOnlyCollection<RbacBinding> changed);

    /// <summary>Exactly the findings of <see cref="IRule.Evaluate"/> whose object is one of <paramref name="objects"/>.</summary>
    IEnumerable<Finding> EvaluateObjects(EvaluationContext context, IReadOnlyCollection<ObjectReference> objects);
}
