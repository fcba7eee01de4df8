namespace ComplianceScanner.Core.Reporting;

/// <summary>A named count, kept as a list entry so order is explicit in every format.</summary>
public sealed record ReportCount(string Name, int Count);
