namespace ComplianceScanner.Core.Reporting;

/// <summary>The previous scan a drift compares with.</summary>
public sealed record ReportDriftBaseline(long ScanId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);
