using System.Collections.Immutable;

namespace ComplianceScanner.Core.Diff;

/// <summary>
/// How the findings of one scan differ from those of an earlier one. Each list holds the finding as the later scan
/// reports it, except <see cref="Resolved"/>, which holds it as the earlier scan did. Lists are in the one finding order.
/// </summary>
public sealed record FindingDelta
{
    public static FindingDelta Empty { get; } = new();

    public ImmutableArray<ScanFinding> New { get; init; } = [];

    /// <summary>Absent from the later scan. Always empty when the later scan is incomplete: absence proves nothing then.</summary>
    public ImmutableArray<ScanFinding> Resolved { get; init; } = [];

    public ImmutableArray<ScanFinding> Reopened { get; init; } = [];

    /// <summary>Open in the earlier scan, covered by an exception in the later one.</summary>
    public ImmutableArray<ScanFinding> Excepted { get; init; } = [];

    public int Unchanged { get; init; }

    /// <summary>The transition of every finding of either scan, by fingerprint (resolved ones only for a complete later scan).</summary>
    public ImmutableSortedDictionary<string, FindingTransition> Transitions { get; init; } = ImmutableSortedDictionary<string, FindingTransition>.Empty.WithComparers(StringComparer.Ordinal);
}
