using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Delivery;

/// <summary>The scan a report is built from: its id in the history store and its full (cluster-wide) report.</summary>
public sealed record LatestReport(long ScanId, ScanReport Report);
