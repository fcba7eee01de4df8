namespace ComplianceScanner.Core.Reporting;

/// <summary>The exception that excepts a finding.</summary>
public sealed record ReportAppliedException(string Reason, string ApprovedBy, string Expires);
