namespace ComplianceScanner.Core.Reporting;

/// <summary>Which scanner made the report.</summary>
public sealed record ReportScanner(string Name, string Version, string RulesetVersion);
