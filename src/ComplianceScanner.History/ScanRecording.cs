using System.Collections.Immutable;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.History;

/// <summary>One finished scan to record: what was read, what was found, and against which config and rules.</summary>
public sealed record ScanRecording
{
    public required string Cluster { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required ClusterSnapshot Snapshot { get; init; }

    public required ImmutableArray<ScanFinding> Findings { get; init; }

    /// <summary>False when a kind could not be read or a rule failed: then nothing is resolved by this scan.</summary>
    public required bool Complete { get; init; }

    public string ConfigDigest { get; init; } = string.Empty;

    public string RulesetVersion { get; init; } = string.Empty;

    public string ScannerVersion { get; init; } = string.Empty;

    /// <summary>
    /// The config the scan was judged against: when given, the drift includes the duties each subject gained or lost
    /// (both snapshots judged against this config). Not stored.
    /// </summary>
    public ScannerConfig? Config { get; init; }

    /// <summary>
    /// Files to keep with the scan for its evidence bundle: the exact scanner.yaml and the templates (see
    /// <see cref="ScanFiles"/>). The report, rendered after recording, is added with <see cref="ScanStore.AttachFiles"/>.
    /// </summary>
    public ImmutableArray<ScanFile> Files { get; init; } = [];
}
