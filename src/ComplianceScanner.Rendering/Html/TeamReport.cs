using System.Collections.Immutable;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering.Html;

/// <summary>
/// Cuts a report down to one team, so the team's file can be sent to that team alone: only its findings, its matrix
/// rows, the exceptions that cover its findings and the drift in its namespaces. What describes the scan as a whole
/// (completeness, rules, inventory) stays, so an incomplete scan is never shown clean to a team either. The trend is
/// dropped: the history store keeps counts for the whole cluster, not per team.
/// </summary>
public static class TeamReport
{
    /// <summary>The report as team <paramref name="team"/> should see it.</summary>
    /// <exception cref="ArgumentException">The report has no team of that name.</exception>
    public static ScanReport For(ScanReport report, string team)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(team);
        var declared = report.Teams.FirstOrDefault(t => string.Equals(t.Name, team, StringComparison.Ordinal))
            ?? throw new ArgumentException($"the report has no team '{team}' (teams: {string.Join(", ", report.Teams.Select(t => t.Name))})", nameof(team));
        var ids = declared.FindingIds.ToHashSet(StringComparer.Ordinal);
        var namespaces = declared.Namespaces.ToHashSet(StringComparer.Ordinal);
        var findings = report.Findings.Where(f => ids.Contains(f.Id)).ToImmutableArray();
        return report with
        {
            Summary = Summarize(findings, report.Summary),
            Findings = findings,
            Teams = [declared],
            Matrix = [.. report.Matrix.Where(r => string.Equals(r.Team, team, StringComparison.Ordinal))],
            Exceptions = Exceptions(report.Exceptions, findings),
            Drift = report.Drift is { } drift ? Drift(drift, ids, namespaces, findings) : null,
            Trend = [],
        };
    }

    /// <summary>A file name for the team's report that is safe on every file system: <c>report-team-NAME.html</c>.</summary>
    public static string FileName(string team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var safe = new string([.. team.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]).TrimStart('.');
        return $"report-team-{(safe.Length == 0 ? "_" : safe)}.html";
    }

    private static ReportSummary Summarize(ImmutableArray<ReportFinding> findings, ReportSummary whole)
    {
        var open = findings.Where(f => f.State == "open").ToList();
        var bySeverity = whole.BySeverity.Select(c => new ReportCount(c.Name, open.Count(f => f.Severity == c.Name))).ToImmutableArray();
        return new ReportSummary
        {
            Total = findings.Length,
            Open = open.Count,
            Excepted = findings.Count(f => f.State == "excepted"),
            Builtin = findings.Count(f => f.State == "builtin"),
            BySeverity = bySeverity,
            ByLayer = [.. whole.ByLayer.Select(c => new ReportCount(c.Name, open.Count(f => f.Layer == c.Name)))],
            ByRule = [.. open.GroupBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ReportCount(g.Key, g.Count()))],
            WorstSeverity = bySeverity.FirstOrDefault(c => c.Count > 0)?.Name ?? "none",
        };
    }

    /// <summary>Exceptions that cover one of the team's findings, with the number of the team's findings they cover.</summary>
    private static ImmutableArray<ReportException> Exceptions(ImmutableArray<ReportException> exceptions, ImmutableArray<ReportFinding> findings) =>
    [
        .. exceptions
            .Select(e => e with
            {
                Matched = findings.Count(f => f.Exception is { } a && a.Reason == e.Reason && a.ApprovedBy == e.ApprovedBy && a.Expires == e.Expires && f.RuleId == e.Rule),
            })
            .Where(e => e.Matched > 0),
    ];

    private static ReportDrift Drift(ReportDrift drift, HashSet<string> ids, HashSet<string> namespaces, ImmutableArray<ReportFinding> findings)
    {
        bool Mine(ReportDriftFinding f) => ids.Contains(f.Id) || (f.Object?.Namespace is { } ns && namespaces.Contains(ns));
        var scoped = drift with
        {
            New = [.. drift.New.Where(Mine)],
            Resolved = [.. drift.Resolved.Where(Mine)],
            Reopened = [.. drift.Reopened.Where(Mine)],
            Excepted = [.. drift.Excepted.Where(Mine)],
            ObjectChanges = [.. drift.ObjectChanges.Where(c => c.Object.Namespace is { } ns && namespaces.Contains(ns))],
            PermissionChanges = [.. drift.PermissionChanges.Where(c => c.Namespace is { } ns && namespaces.Contains(ns))],
        };
        var changed = scoped.New.Concat(scoped.Reopened).Concat(scoped.Excepted).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        return scoped with { Unchanged = findings.Count(f => !changed.Contains(f.Id)) };
    }
}
