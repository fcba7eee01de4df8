using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Reporting;

/// <summary>Turns a <see cref="ScanDrift"/> into the report's "since last scan" section.</summary>
public static class DriftReportBuilder
{
    public static ReportDrift Build(ScanDrift drift)
    {
        ArgumentNullException.ThrowIfNull(drift);
        return new ReportDrift
        {
            ScanId = drift.ScanId,
            Previous = drift.Baseline is { } b ? new ReportDriftBaseline(b.ScanId, b.StartedAt, b.FinishedAt) : null,
            Complete = drift.Complete,
            New = [.. drift.Findings.New.Select(Finding)],
            Resolved = [.. drift.Findings.Resolved.Select(Finding)],
            Reopened = [.. drift.Findings.Reopened.Select(Finding)],
            Excepted = [.. drift.Findings.Excepted.Select(Finding)],
            Unchanged = drift.Findings.Unchanged,
            ObjectsCompared = drift.ObjectsCompared,
            ObjectChanges = [.. drift.ObjectChanges.Select(c => new ReportObjectChange(
                Object(c.Object)!,
                ChangeName(c.Change),
                [.. c.Fields.Select(f => new ReportFieldChange(f.Path, f.Before, f.After))],
                [.. c.Managers.Select(m => new ReportFieldManager(m.Manager, m.Operation, m.Time))]))],
            DutyChanges = [.. drift.DutyChanges.Select(c => new ReportDutyChange(
                c.Subject.ToString(),
                c.Duty,
                c.Namespace,
                c.Change,
                c.Allowed,
                c.Layer,
                c.Team))],
            PermissionChanges = [.. drift.PermissionChanges.Select(c => new ReportPermissionChange(
                c.Permission.Subject,
                c.Permission.Namespace,
                c.Gained ? "gained" : "lost",
                c.Permission.Verb,
                c.Permission.ApiGroup,
                c.Permission.Resource,
                c.Permission.ResourceName,
                c.Permission.NonResourceUrl))],
        };
    }

    public static string ChangeName(ObjectChangeKind change) => change switch
    {
        ObjectChangeKind.Added => "added",
        ObjectChangeKind.Removed => "removed",
        _ => "modified",
    };

    private static ReportDriftFinding Finding(ScanFinding f) => new(
        f.Fingerprint,
        f.RuleId,
        f.Title,
        f.Severity.ToName(),
        f.State switch
        {
            FindingState.Excepted => "excepted",
            FindingState.Builtin => "builtin",
            _ => "open",
        },
        Object(f.Object),
        f.Subject?.ToString(),
        f.Message);

    private static ReportObject? Object(Model.ObjectReference? o) => o is null ? null : new ReportObject(o.Kind, o.Namespace, o.Name);
}
