using System.Collections.Immutable;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.History;

namespace ComplianceScanner.Pipeline;

/// <summary>What a scan produced: the report model, the raw evaluation, input problems, the files written, and the history record (null without a store).</summary>
internal sealed record ScanOutcome(
    ScanReport Report,
    EvaluationResult Evaluation,
    ImmutableArray<string> InputErrors,
    ImmutableArray<string> WrittenFiles,
    RecordedScan? Recorded = null);
