using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.History;

/// <summary>A recorded scan as <c>history</c> lists it: when, which cluster, complete or not, and its counts.</summary>
public sealed record StoredScan
{
    public required long Id { get; init; }

    public required string Cluster { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required bool Complete { get; init; }

    public string SnapshotDigest { get; init; } = string.Empty;

    public string ConfigDigest { get; init; } = string.Empty;

    public string RulesetVersion { get; init; } = string.Empty;

    public string ScannerVersion { get; init; } = string.Empty;

    public ImmutableArray<string> Sources { get; init; } = [];

    /// <summary>All findings, whatever their state.</summary>
    public int Total { get; init; }

    public int Open { get; init; }

    public int Excepted { get; init; }

    public int Builtin { get; init; }

    /// <summary>Open findings per severity, worst first: critical, high, medium, low, info.</summary>
    public ImmutableArray<int> OpenBySeverity { get; init; } = [0, 0, 0, 0, 0];

    /// <summary>Open findings of one severity.</summary>
    public int OpenOf(Severity severity) => OpenBySeverity[(int)Severity.Critical - (int)severity];
}
