namespace ComplianceScanner.Core.Reporting;

/// <summary>A kind that could not be read, why, and what RBAC permission would fix it.</summary>
public sealed record ReportMissingKind(string Kind, string Reason, string? RequiredPermission);
