using System.Collections.Immutable;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.History;

namespace ComplianceScanner.Agent;

/// <summary>
/// One finished agent scan, as handed to <see cref="IScanCompletedHandler"/>s: the report (what <c>scan</c> writes as
/// JSON), the raw evaluation, the snapshot it judged, and, when a store is configured, the history record with its
/// drift. A scan that was abandoned (shutdown, lost leadership) never produces one.
/// </summary>
internal sealed record AgentScanResult
{
    /// <summary>1 for this process's first scan, then counting up.</summary>
    public required int Sequence { get; init; }

    public required ScanTrigger Trigger { get; init; }

    /// <summary>True when only the changed RBAC bindings were re-evaluated (the rest of the previous result was kept).</summary>
    public required bool Incremental { get; init; }

    /// <summary>Objects changed since the previous scan (watch-triggered scans; 0 otherwise).</summary>
    public required int Changes { get; init; }

    public required ScanReport Report { get; init; }

    public required EvaluationResult Evaluation { get; init; }

    public required ClusterSnapshot Snapshot { get; init; }

    /// <summary>The history record and drift; null without a store.</summary>
    public RecordedScan? Recorded { get; init; }

    /// <summary>The history store the scan was recorded in; null without one.</summary>
    public string? StorePath { get; init; }

    /// <summary>Report files written (empty without <c>agent.output</c>).</summary>
    public ImmutableArray<string> WrittenFiles { get; init; } = [];

    /// <summary>Problems with in-cluster exceptions (entries not applied).</summary>
    public ImmutableArray<string> InputErrors { get; init; } = [];

    public required TimeSpan Duration { get; init; }

    /// <summary>False when a kind could not be read or a rule failed: the report says incomplete.</summary>
    public bool Complete => Snapshot.IsComplete && Evaluation.Errors.IsEmpty;
}
