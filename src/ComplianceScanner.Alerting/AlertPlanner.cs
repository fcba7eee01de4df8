using System.Collections.Immutable;
using System.Globalization;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Alerting;

/// <summary>
/// Decides what each sink is told about one recorded scan: the finding transitions its <c>notify</c> list and
/// <c>minSeverity</c> select. On the first recorded scan of a cluster every open finding counts as new. Only findings that are (or were) open count: built-in identities and findings already
/// covered by an exception never alert. Pure: the same scan always gives the same alerts, in the drift's order.
/// </summary>
internal static class AlertPlanner
{
    public static ImmutableArray<AlertData> Plan(
        AlertSinkSettings sink,
        ScanReport report,
        ScanDrift drift,
        long scanId,
        IReadOnlyDictionary<string, DateTimeOffset> firstSeen)
    {
        var finished = report.Scan.FinishedAt;
        var details = report.Findings.GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<AlertData>();

        void Add(ScanFinding finding, string transition)
        {
            if (finding.Severity < sink.MinSeverity)
            {
                return;
            }

            details.TryGetValue(finding.Fingerprint, out var detail);
            var status = AlertTransitions.StatusOf(transition);
            var endsAt = status == AlertTransitions.ResolvedStatus
                ? Format(finished)
                : sink.Type == AlertSinkType.Alertmanager ? Format(finished + sink.ExpiresAfter) : string.Empty;
            result.Add(new AlertData
            {
                Transition = transition,
                Status = status,
                Fingerprint = finding.Fingerprint,
                RuleId = finding.RuleId,
                Title = finding.Title,
                Severity = finding.Severity.ToName(),
                Layer = finding.Layer,
                Namespace = detail?.Namespace ?? finding.Object?.Namespace ?? finding.Subject?.Namespace ?? string.Empty,
                Team = detail?.Team ?? string.Empty,
                Object = finding.Object is { } o ? $"{o.Kind} {o.QualifiedName}" : string.Empty,
                Subject = finding.Subject?.ToString() ?? detail?.Subject ?? string.Empty,
                Message = finding.Message,
                Remediation = detail?.Remediation ?? string.Empty,
                DocUrl = detail?.DocUrl ?? string.Empty,
                Cluster = report.Scan.Cluster,
                ScanId = scanId,
                ScanFinishedAt = Format(finished),
                StartsAt = Format(firstSeen.TryGetValue(finding.Fingerprint, out var first) ? first : finished),
                EndsAt = endsAt,
            });
        }

        var delta = drift.Findings;
        if (sink.Notify.HasFlag(AlertNotify.New))
        {
            // The first recorded scan of a cluster has nothing to compare with: every open finding is new to the receivers.
            var news = drift.Baseline is null
                ? report.Findings.Where(f => f.State == "open").Select(FromReport)
                : delta.New.Where(f => f.State == FindingState.Open);
            foreach (var f in news)
            {
                Add(f, AlertTransitions.New);
            }
        }

        if (sink.Notify.HasFlag(AlertNotify.Reopened))
        {
            foreach (var f in delta.Reopened.Where(f => f.State == FindingState.Open))
            {
                Add(f, AlertTransitions.Reopened);
            }
        }

        if (sink.Notify.HasFlag(AlertNotify.Open))
        {
            foreach (var f in report.Findings.Where(f => f.State == "open"
                && delta.Transitions.TryGetValue(f.Id, out var t) && t == FindingTransition.Unchanged))
            {
                Add(FromReport(f), AlertTransitions.Open);
            }
        }

        if (sink.Notify.HasFlag(AlertNotify.Resolved))
        {
            // Resolved holds the finding as the earlier scan reported it: only what was open then was ever alerted.
            foreach (var f in delta.Resolved.Where(f => f.State == FindingState.Open))
            {
                Add(f, AlertTransitions.Resolved);
            }

            foreach (var f in delta.Excepted)
            {
                Add(f, AlertTransitions.Excepted);
            }
        }

        return result.ToImmutable();
    }

    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static ScanFinding FromReport(ReportFinding f) => new()
    {
        Fingerprint = f.Id,
        RuleId = f.RuleId,
        Title = f.Title,
        Severity = SeverityNames.TryParse(f.Severity, out var s) ? s.Value : Severity.Info,
        State = FindingState.Open,
        Layer = f.Layer,
        Object = f.Object is { } o ? new Core.Model.ObjectReference(o.Kind, o.Namespace, o.Name) : null,
        Key = f.Key,
        Message = f.Message,
    };
}
