namespace ComplianceScanner.Core.Reporting;

/// <summary>A field manager from managedFields: who wrote the object (<c>kubectl-edit</c>, <c>helm</c>), how (<c>Update</c>, <c>Apply</c>), and when.</summary>
public sealed record ReportFieldManager(string Manager, string Operation, DateTimeOffset? Time);
