namespace ComplianceScanner.Core.Reporting;

/// <summary>A rule that failed to evaluate.</summary>
public sealed record ReportRuleError(string RuleId, string Message);
