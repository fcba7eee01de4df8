namespace ComplianceScanner.Core.Reporting;

/// <summary>One changed field: its path (<c>spec.rules[0].host</c>) and the values before and after (null when absent).</summary>
public sealed record ReportFieldChange(string Path, string? Before, string? After);
