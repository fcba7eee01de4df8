namespace ComplianceScanner.Core.Reporting;

/// <summary>A rule of the catalogue that was evaluated.</summary>
public sealed record ReportRule(string Id, string Title, string Severity, string Layer, string Category, string DocUrl);
