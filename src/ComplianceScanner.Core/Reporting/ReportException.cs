namespace ComplianceScanner.Core.Reporting;

/// <summary>A configured exception and how it fared: active, expired or stale (matched nothing).</summary>
public sealed record ReportException(string Rule, string? Object, string? Subject, string Reason, string ApprovedBy, string Expires, string Status, int Matched);
