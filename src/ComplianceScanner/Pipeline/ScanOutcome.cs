using System.Collections.Immutable;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Pipeline;

/// <summary>What a scan produced: the report model, the raw evaluation, input problems, and the files written.</summary>
internal sealed record ScanOutcome(
    ScanReport Report,
    EvaluationResult Evaluation,
    ImmutableArray<string> InputErrors,
    ImmutableArray<string> WrittenFiles);
