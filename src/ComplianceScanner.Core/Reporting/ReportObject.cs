namespace ComplianceScanner.Core.Reporting;

/// <summary>The object a finding is about.</summary>
public sealed record ReportObject(string Kind, string? Namespace, string Name);
