using System.Collections.Immutable;

namespace ComplianceScanner.Core.Reporting;

/// <summary>Counts derived from the findings. Severity keys are always all present, worst first, so a zero is explicit.</summary>
public sealed record ReportSummary
{
    public int Total { get; init; }

    public int Open { get; init; }

    public int Excepted { get; init; }

    /// <summary>Findings about built-in or vendor-managed identities and objects: shown, not counted as open.</summary>
    public int Builtin { get; init; }

    /// <summary>Open findings per severity: critical, high, medium, low, info.</summary>
    public ImmutableArray<ReportCount> BySeverity { get; init; } = [];

    /// <summary>Open findings per protected layer.</summary>
    public ImmutableArray<ReportCount> ByLayer { get; init; } = [];

    /// <summary>Open findings per rule id.</summary>
    public ImmutableArray<ReportCount> ByRule { get; init; } = [];

    /// <summary>The worst severity among open findings, or "none".</summary>
    public string WorstSeverity { get; init; } = "none";
}
