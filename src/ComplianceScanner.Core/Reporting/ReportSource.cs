namespace ComplianceScanner.Core.Reporting;

/// <summary>Where the object was read: file, document index and line (0 when unknown).</summary>
public sealed record ReportSource(string File, int Document, int Line);
