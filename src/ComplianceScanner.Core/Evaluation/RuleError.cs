namespace ComplianceScanner.Core.Evaluation;

/// <summary>A rule that failed while evaluating: recorded as a result, so one broken rule never aborts the scan.</summary>
public sealed record RuleError(string RuleId, string Message);
