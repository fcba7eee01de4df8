namespace ComplianceScanner.Core.Reporting;

/// <summary>One evidence step (see Core.Findings.Evidence).</summary>
public sealed record ReportEvidence(string Kind, string Reference, string Detail);
