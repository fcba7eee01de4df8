using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Evaluation;

/// <summary>The output of the Evaluate stage: sorted findings (open and excepted), rule errors and exception bookkeeping.</summary>
public sealed record EvaluationResult(
    ImmutableArray<Finding> Findings,
    ImmutableArray<RuleError> Errors,
    ImmutableArray<ExceptionStatus> Exceptions,
    ImmutableArray<string> RulesEvaluated)
{
    /// <summary>
    /// Null when <paramref name="other"/> has the same findings in the same order (every field, evidence included), the
    /// same rule errors, exception counts and rules evaluated; else what differs first. Incremental and parallel
    /// evaluation are checked against a full, one-core evaluation with it.
    /// </summary>
    public string? FirstDifference(EvaluationResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var a = Findings.Select(Line).ToList();
        var b = other.Findings.Select(Line).ToList();
        var at = Enumerable.Range(0, Math.Min(a.Count, b.Count)).FirstOrDefault(i => a[i] != b[i], -1);
        if (at >= 0 || a.Count != b.Count)
        {
            return $"{a.Count} findings against {b.Count}" + (at >= 0 ? $"; first difference at {at}: {a[at]} / {b[at]}" : string.Empty);
        }

        if (!Errors.SequenceEqual(other.Errors))
        {
            return "the rule errors differ";
        }

        if (!Exceptions.Select(e => (e.Entry.Rule, e.Matched, e.Expired)).SequenceEqual(other.Exceptions.Select(e => (e.Entry.Rule, e.Matched, e.Expired))))
        {
            return "the exception counts differ";
        }

        return RulesEvaluated.SequenceEqual(other.RulesEvaluated) ? null : "the rules evaluated differ";
    }

    private static string Line(Finding f) =>
        $"{f.RuleId}|{f.Object}|{f.Subject}|{f.Key}|{f.State}|{f.Severity}|{f.Layer}|{f.Team}|{f.Namespace}|{f.Message}|{f.Remediation}|{f.Exception}|{f.Source}|"
        + string.Join(";", f.Evidence.Select(e => $"{e.Kind}={e.Reference}={e.Detail}"));
}
