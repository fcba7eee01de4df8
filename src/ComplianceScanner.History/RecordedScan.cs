using ComplianceScanner.Core.Diff;

namespace ComplianceScanner.History;

/// <summary>What <see cref="ScanStore.Record"/> did: the stored scan, its drift against the previous complete scan, and how many old scans retention removed.</summary>
public sealed record RecordedScan(StoredScan Scan, ScanDrift Drift, int Pruned);
