using System.Collections.Immutable;

namespace ComplianceScanner.Core.Reporting;

/// <summary>Scan metadata: when, what cluster, and digests of the inputs so a report can be tied to exactly what it judged.</summary>
public sealed record ReportScan
{
    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required string Cluster { get; init; }

    public required string ConfigDigest { get; init; }

    public required string SnapshotDigest { get; init; }

    public string ConfigFile { get; init; } = string.Empty;

    public ImmutableArray<string> Sources { get; init; } = [];
}
