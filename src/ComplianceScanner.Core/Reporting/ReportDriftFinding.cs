namespace ComplianceScanner.Core.Reporting;

/// <summary>A finding in the drift lists: enough to recognise it; <see cref="Id"/> is the fingerprint used in <c>findings</c>.</summary>
public sealed record ReportDriftFinding(string Id, string RuleId, string Title, string Severity, string State, ReportObject? Object, string? Subject, string Message);
