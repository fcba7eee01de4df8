using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Delivery;

/// <summary>
/// Cuts a cluster-wide report down to one team: its findings (those the evaluator attributed to it, or about an
/// object or subject in its namespaces), its matrix rows, its exceptions and the drift in its namespaces, with the
/// summary recounted. What another team owns never reaches this team's inbox.
/// </summary>
public static class ReportFilter
{
    private static readonly string[] WorstFirst = ["critical", "high", "medium", "low", "info"];

    /// <summary>The team's part of <paramref name="report"/>.</summary>
    public static ScanReport ForTeam(ScanReport report, TeamDefinition team)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(team);
        var reportTeam = report.Teams.FirstOrDefault(t => string.Equals(t.Name, team.Name, StringComparison.Ordinal));
        var scope = new TeamScope(team, reportTeam);
        var findings = report.Findings.Where(scope.Owns).ToImmutableArray();
        var ids = findings.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        return report with
        {
            Summary = Summarize(findings),
            Findings = findings,
            Teams = reportTeam is null ? [] : [reportTeam with { FindingIds = [.. reportTeam.FindingIds.Where(ids.Contains)] }],
            Matrix = [.. report.Matrix.Where(r => string.Equals(r.Team, team.Name, StringComparison.Ordinal))],
            Exceptions = [.. report.Exceptions.Where(e => scope.OwnsText(e.Object) || scope.OwnsText(e.Subject))],
            Drift = report.Drift is { } drift ? ForTeam(drift, team, reportTeam, ids) : null,
        };
    }

    /// <summary>The drift entries about the team's findings and namespaces.</summary>
    public static ReportDrift ForTeam(ReportDrift drift, TeamDefinition team, ReportTeam? reportTeam, IReadOnlySet<string> teamFindingIds)
    {
        ArgumentNullException.ThrowIfNull(drift);
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(teamFindingIds);
        var scope = new TeamScope(team, reportTeam);
        bool Keep(ReportDriftFinding f) =>
            teamFindingIds.Contains(f.Id) || scope.OwnsNamespace(f.Object?.Namespace) || scope.OwnsText(f.Subject);
        return drift with
        {
            New = [.. drift.New.Where(Keep)],
            Resolved = [.. drift.Resolved.Where(Keep)],
            Reopened = [.. drift.Reopened.Where(Keep)],
            Excepted = [.. drift.Excepted.Where(Keep)],
            Unchanged = 0,
            ObjectChanges = [.. drift.ObjectChanges.Where(c => scope.OwnsNamespace(c.Object.Namespace))],
            PermissionChanges = [.. drift.PermissionChanges.Where(c => scope.OwnsNamespace(c.Namespace) || scope.OwnsText(c.Subject))],
        };
    }

    /// <summary>Counts as <see cref="ReportBuilder"/> makes them, over the given findings.</summary>
    public static ReportSummary Summarize(ImmutableArray<ReportFinding> findings)
    {
        var open = findings.Where(f => f.State == "open").ToList();
        return new ReportSummary
        {
            Total = findings.Length,
            Open = open.Count,
            Excepted = findings.Count(f => f.State == "excepted"),
            Builtin = findings.Count(f => f.State == "builtin"),
            BySeverity = [.. WorstFirst.Select(s => new ReportCount(s, open.Count(f => f.Severity == s)))],
            ByLayer = [.. Layer.All.Append(Layer.Undeclared).Select(l => new ReportCount(l, open.Count(f => f.Layer == l)))],
            ByRule = [.. open.GroupBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ReportCount(g.Key, g.Count()))],
            WorstSeverity = WorstFirst.FirstOrDefault(s => open.Exists(f => f.Severity == s)) ?? "none",
        };
    }

    /// <summary>Which namespaces a team owns: those the report saw for it, and any matching its patterns.</summary>
    private sealed class TeamScope(TeamDefinition team, ReportTeam? reportTeam)
    {
        private readonly HashSet<string> seen = reportTeam is null ? [] : reportTeam.Namespaces.ToHashSet(StringComparer.Ordinal);

        public bool Owns(ReportFinding f) =>
            string.Equals(f.Team, team.Name, StringComparison.Ordinal)
            || (f.Team is null && (OwnsNamespace(f.Namespace) || OwnsNamespace(f.Object?.Namespace) || OwnsText(f.Subject)));

        public bool OwnsNamespace(string? ns) =>
            ns is { Length: > 0 } && (seen.Contains(ns) || team.Namespaces.Any(p => Glob.Matches(p, ns)));

        /// <summary>A subject or object text such as <c>ServiceAccount:shop/web</c> or <c>Ingress/shop/web</c>: owned when its namespace part is.</summary>
        public bool OwnsText(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            var body = text.Contains(':', StringComparison.Ordinal) ? text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..] : text;
            var parts = body.Split('/');
            return parts.Length >= 2 && (OwnsNamespace(parts[0]) || (parts.Length >= 3 && OwnsNamespace(parts[1])));
        }
    }
}
