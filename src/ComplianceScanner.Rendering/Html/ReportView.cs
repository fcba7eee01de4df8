using System.Collections.Immutable;
using System.Globalization;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering.Html;

/// <summary>
/// Values derived from a report that are awkward to compute in a template (bar lengths, team findings resolved from
/// ids). Exposed to templates as <c>view</c>; everything here is a pure function of the report, so output stays deterministic.
/// </summary>
internal sealed record ReportView
{
    private static readonly string[] ExceptionStatuses = ["active", "expired", "stale"];

    public required ImmutableArray<ReportBar> SeverityBars { get; init; }

    public required ImmutableArray<ReportBar> LayerBars { get; init; }

    public required ImmutableArray<TeamView> Teams { get; init; }

    /// <summary>Findings in no team's namespaces.</summary>
    public required ImmutableArray<ReportFinding> UnassignedFindings { get; init; }

    /// <summary>Configured exceptions per status: active, expired, stale.</summary>
    public required ImmutableArray<ReportCount> ExceptionsByStatus { get; init; }

    /// <summary>Scan duration, e.g. <c>4.2 s</c>.</summary>
    public required string Duration { get; init; }

    /// <summary>True only for a complete scan without open findings: the one case the report may look green.</summary>
    public required bool Clean { get; init; }

    /// <summary>Each evaluated rule with its findings: the test suites of the JUnit report.</summary>
    public required ImmutableArray<RuleView> Rules { get; init; }

    /// <summary>Test cases of the JUnit report: one per finding, plus one passing case per rule without findings.</summary>
    public int TotalTests => Rules.Sum(r => r.Tests);

    /// <summary>Scan start in ISO 8601 (UTC), for machine-read attributes.</summary>
    public string StartedAtIso => StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The scan start, kept to format <see cref="StartedAtIso"/>.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Open findings, in report order.</summary>
    public required ImmutableArray<ReportFinding> OpenFindings { get; init; }

    /// <summary>Rows of the findings table, in report order, with their change since the last scan.</summary>
    public required ImmutableArray<FindingRow> FindingRows { get; init; }

    /// <summary>Distinct values of the findings for the filter lists, sorted ordinally; namespace and team without null.</summary>
    public required ImmutableArray<string> FilterRules { get; init; }

    public required ImmutableArray<string> FilterLayers { get; init; }

    public required ImmutableArray<string> FilterNamespaces { get; init; }

    public required ImmutableArray<string> FilterTeams { get; init; }

    /// <summary>True when some finding is new or reopened since the last scan (the state filter offers "new" then).</summary>
    public bool HasChanges => FindingRows.Any(r => r.Change.Length > 0);

    /// <summary>Open findings over recent scans; null without a history store or with fewer than two recorded scans.</summary>
    public TrendChart? Trend { get; init; }

    /// <summary>The team this report was cut down to (<see cref="TeamReport"/>), or null for the whole cluster's report.</summary>
    public string? ScopeTeam { get; init; }

    private static readonly string[] SeverityOrder = ["critical", "high", "medium", "low", "info"];

    public static ReportView From(ScanReport report, string? scopeTeam = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (report.Drift is { } drift)
        {
            foreach (var f in drift.New)
            {
                changes[f.Id] = "new";
            }

            foreach (var f in drift.Reopened)
            {
                changes[f.Id] = "reopened";
            }
        }

        var byId = report.Findings.GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var teamNames = report.Teams.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return new ReportView
        {
            SeverityBars = Bars(report.Summary.BySeverity),
            LayerBars = Bars(report.Summary.ByLayer),
            Teams = [.. report.Teams.Select(t => Team(t, byId))],
            UnassignedFindings = [.. report.Findings.Where(f => f.Team is null || !teamNames.Contains(f.Team))],
            ExceptionsByStatus = [.. ExceptionStatuses
                .Select(s => new ReportCount(s, report.Exceptions.Count(e => string.Equals(e.Status, s, StringComparison.Ordinal))))],
            Duration = FormatDuration(report.Scan.FinishedAt - report.Scan.StartedAt),
            Clean = !report.Incomplete && report.Summary.Open == 0,
            Rules = [.. report.Rules.Select(r => RuleView.Of(r, report))],
            StartedAt = report.Scan.StartedAt,
            OpenFindings = [.. report.Findings.Where(f => f.State == "open")],
            FindingRows = [.. report.Findings.Select(f => new FindingRow(f, changes.GetValueOrDefault(f.Id, string.Empty), Rank(f.Severity)))],
            FilterRules = Distinct(report.Findings.Select(f => f.RuleId)),
            FilterLayers = Distinct(report.Findings.Select(f => f.Layer)),
            FilterNamespaces = Distinct(report.Findings.Select(f => f.Namespace)),
            FilterTeams = Distinct(report.Findings.Select(f => f.Team)),
            Trend = TrendChart.From(report.Trend),
            ScopeTeam = scopeTeam,
        };
    }

    private static int Rank(string severity)
    {
        var index = Array.IndexOf(SeverityOrder, severity);
        return index < 0 ? SeverityOrder.Length : index;
    }

    private static ImmutableArray<string> Distinct(IEnumerable<string?> values) =>
        [.. values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static ImmutableArray<ReportBar> Bars(ImmutableArray<ReportCount> counts)
    {
        var max = counts.IsDefaultOrEmpty ? 0 : counts.Max(c => c.Count);
        return [.. counts.Select(c => new ReportBar(c.Name, c.Count, max == 0 ? 0 : (int)Math.Round(c.Count * 100.0 / max, MidpointRounding.AwayFromZero)))];
    }

    private static TeamView Team(ReportTeam team, Dictionary<string, ReportFinding> byId)
    {
        var findings = team.FindingIds.Select(id => byId.GetValueOrDefault(id)).OfType<ReportFinding>().ToImmutableArray();
        return new TeamView(team, findings, findings.Count(f => string.Equals(f.State, "open", StringComparison.Ordinal)));
    }

    private static string FormatDuration(TimeSpan duration) =>
        duration < TimeSpan.Zero
            ? "unknown"
            : duration.TotalSeconds < 60
                ? duration.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds} s");
}
