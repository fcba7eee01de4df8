using System.Globalization;
using System.Text;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.History;

namespace ComplianceScanner.Output;

/// <summary>Plain-text output of <c>history</c> and <c>diff</c>: aligned columns, UTC times, cluster strings made inert.</summary>
internal static class HistoryText
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The scan table: id, finish time, cluster, complete, open by severity, excepted.</summary>
    public static string Scans(IReadOnlyList<StoredScan> scans)
    {
        string[] header = ["ID", "FINISHED (UTC)", "CLUSTER", "COMPLETE", "OPEN", "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "EXCEPTED"];
        var rows = scans.Select(s => new[]
        {
            N(s.Id), Time(s.FinishedAt), TerminalText.Sanitize(s.Cluster), s.Complete ? "yes" : "NO", N(s.Open),
            N(s.OpenOf(Severity.Critical)), N(s.OpenOf(Severity.High)), N(s.OpenOf(Severity.Medium)), N(s.OpenOf(Severity.Low)), N(s.OpenOf(Severity.Info)),
            N(s.Excepted),
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < row.Length; i++)
            {
                // Text columns left-aligned, counts right-aligned.
                var cell = i is 1 or 2 or 3 ? row[i].PadRight(widths[i]) : row[i].PadLeft(widths[i]);
                sb.Append(i == 0 ? string.Empty : "  ").Append(cell);
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// The drift from <paramref name="earlier"/> to <paramref name="later"/>: findings, object changes, then per subject
    /// the duties gained or lost (when <paramref name="dutiesJudged"/>: a config was at hand) and the raw permissions.
    /// </summary>
    public static string Drift(StoredScan earlier, StoredScan later, ScanDrift drift, bool dutiesJudged = true)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Scan {later.Id} ({Time(later.FinishedAt)} UTC) compared with scan {earlier.Id} ({Time(earlier.FinishedAt)} UTC), cluster {TerminalText.Sanitize(later.Cluster)}\n");
        if (!drift.Complete)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Scan {later.Id} is INCOMPLETE: nothing is reported resolved, removed or lost, because what it could not read proves nothing.\n");
        }

        Findings(sb, "New findings", drift.Findings.New);
        Findings(sb, "Resolved findings", drift.Findings.Resolved);
        Findings(sb, "Reopened findings", drift.Findings.Reopened);
        Findings(sb, "Newly excepted findings", drift.Findings.Excepted);
        sb.Append(CultureInfo.InvariantCulture, $"Unchanged findings: {drift.Findings.Unchanged}\n");

        if (!drift.ObjectsCompared)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nObject, duty and permission changes: not available (the snapshot of scan {earlier.Id} is no longer retained).\n");
            return sb.ToString();
        }

        sb.Append(CultureInfo.InvariantCulture, $"\nObject changes ({drift.ObjectChanges.Length}):\n");
        if (drift.ObjectChanges.IsEmpty)
        {
            sb.Append("  none\n");
        }

        foreach (var change in drift.ObjectChanges)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {change.Change.ToString().ToLowerInvariant()} {TerminalText.Sanitize(change.Object.ToString())}");
            if (!change.Managers.IsEmpty)
            {
                sb.Append(" by ").Append(string.Join(", ", change.Managers.Select(m =>
                    $"{TerminalText.Sanitize(m.Manager)} ({TerminalText.Sanitize(m.Operation)}{(m.Time is { } t ? ", " + Time(t) : string.Empty)})")));
            }
            else if (change.Change == ObjectChangeKind.Modified)
            {
                sb.Append(" (field manager unknown: no managedFields)");
            }

            sb.Append('\n');
            if (change.Change != ObjectChangeKind.Removed)
            {
                foreach (var field in change.Fields)
                {
                    sb.Append("    ").Append(TerminalText.Sanitize(field.ToString())).Append('\n');
                }
            }
        }

        // Duties first: "gained route-editing in shop" is what a reviewer acts on; the raw tuples are the evidence.
        sb.Append(CultureInfo.InvariantCulture, $"\nPermission changes ({drift.PermissionChanges.Length}):\n");
        if (dutiesJudged)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  Duties gained or lost ({drift.DutyChanges.Length}):\n");
            if (drift.DutyChanges.IsEmpty)
            {
                sb.Append("    none\n");
            }

            foreach (var group in drift.DutyChanges.GroupBy(c => c.Subject))
            {
                sb.Append("    ").Append(TerminalText.Sanitize(group.Key.ToString())).Append('\n');
                foreach (var change in group)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"      {change.Change} {TerminalText.Sanitize(change.Duty)} {TerminalText.Sanitize(change.Scope)}: {TerminalText.Sanitize(change.Verdict)}\n");
                }
            }
        }
        else
        {
            sb.Append("  Duties gained or lost: not judged (no scanner.yaml here; pass --config FILE to judge them).\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"  Permissions ({drift.PermissionChanges.Length}):\n");
        if (drift.PermissionChanges.IsEmpty)
        {
            sb.Append("    none\n");
        }

        foreach (var change in drift.PermissionChanges)
        {
            sb.Append("    ").Append(TerminalText.Sanitize(change.ToString())).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>One line for a scan's summary: what changed since the previous complete scan.</summary>
    public static string SinceLastScan(RecordedScan recorded, string store)
    {
        var d = recorded.Drift;
        var id = N(recorded.Scan.Id);
        if (d.Baseline is not { } b)
        {
            return $"Recorded as scan {id} in {store}: the first scan of cluster {TerminalText.Sanitize(recorded.Scan.Cluster)}, nothing to compare with yet.";
        }

        var changes = d.ObjectsCompared
            ? $", {d.ObjectChanges.Length} object change(s), {d.DutyChanges.Length} duty change(s), {d.PermissionChanges.Length} permission change(s)"
            : string.Empty;
        return $"Since scan {N(b.ScanId)} ({Time(b.FinishedAt)} UTC): {d.Findings.New.Length} new, {d.Findings.Resolved.Length} resolved, {d.Findings.Reopened.Length} reopened{changes}. Recorded as scan {id} in {store}.";
    }

    private static void Findings(StringBuilder sb, string title, IReadOnlyCollection<ScanFinding> findings)
    {
        sb.Append(CultureInfo.InvariantCulture, $"\n{title} ({findings.Count}):\n");
        if (findings.Count == 0)
        {
            sb.Append("  none\n");
            return;
        }

        foreach (var f in findings)
        {
            var target = f.Object?.ToString() ?? f.Subject?.ToString() ?? "-";
            sb.Append(CultureInfo.InvariantCulture, $"  {f.Severity.ToName(),-8} {f.RuleId}  {TerminalText.Sanitize(target)}  {TerminalText.Sanitize(f.Message)}");
            if (f.Exception is { } e)
            {
                sb.Append(CultureInfo.InvariantCulture, $" [excepted by {TerminalText.Sanitize(e.ApprovedBy)} until {e.Expires:yyyy-MM-dd}]");
            }

            sb.Append('\n');
        }
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
