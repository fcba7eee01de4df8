using System.Collections.Immutable;

namespace ComplianceScanner.Core.Reporting;

/// <summary>
/// The report model: everything every output format shows, derived from one scan. JSON is this model serialized;
/// HTML and the other text formats are templates over it. Field names are part of the versioned JSON contract.
/// </summary>
public sealed record ScanReport
{
    /// <summary>Bumped on any incompatible change of the JSON shape; see docs/report.schema.json.</summary>
    public const string CurrentSchemaVersion = "1.2";

    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required ReportScanner Scanner { get; init; }

    public required ReportScan Scan { get; init; }

    /// <summary>True when some data could not be read: the report must never look clean then.</summary>
    public bool Incomplete { get; init; }

    public ImmutableArray<ReportMissingKind> Missing { get; init; } = [];

    public required ReportSummary Summary { get; init; }

    public ImmutableArray<ReportFinding> Findings { get; init; } = [];

    public ImmutableArray<ReportTeam> Teams { get; init; } = [];

    /// <summary>The duties of the layer model, in column order of <see cref="Matrix"/>.</summary>
    public ImmutableArray<string> Duties { get; init; } = [];

    /// <summary>Who can do what: every subject holding a declared duty, with the scopes, judged against its layer.</summary>
    public ImmutableArray<ReportMatrixRow> Matrix { get; init; } = [];

    public ImmutableArray<ReportException> Exceptions { get; init; } = [];

    public ImmutableArray<ReportRuleError> RuleErrors { get; init; } = [];

    public ImmutableArray<ReportRule> Rules { get; init; } = [];

    /// <summary>Objects read, by kind.</summary>
    public ImmutableSortedDictionary<string, int> Inventory { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>Objects of kinds the scanner does not read, by apiVersion/kind.</summary>
    public ImmutableSortedDictionary<string, int> UnknownKinds { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>"Since last scan" (schema 1.1): drift against the previous complete scan; null when the scan was not recorded in a history store.</summary>
    public ReportDrift? Drift { get; init; }

    /// <summary>
    /// The key that signs the scan's evidence bundles (schema 1.2); null when none is configured (no store, or no key
    /// beside it yet).
    /// </summary>
    public ReportSigningKey? SigningKey { get; init; }

    /// <summary>
    /// Recent recorded scans of this cluster, oldest first, this scan last (schema 1.2): counts for a trend chart.
    /// Empty when the scan was not recorded in a history store.
    /// </summary>
    public ImmutableArray<ReportTrendPoint> Trend { get; init; } = [];
}
