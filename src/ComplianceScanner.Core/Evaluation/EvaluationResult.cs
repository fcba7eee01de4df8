using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Evaluation;

/// <summary>The output of the Evaluate stage: sorted findings (open and excepted), rule errors and exception bookkeeping.</summary>
public sealed record EvaluationResult(
    ImmutableArray<Finding> Findings,
    ImmutableArray<RuleError> Errors,
    ImmutableArray<ExceptionStatus> Exceptions,
    ImmutableArray<string> RulesEvaluated);
