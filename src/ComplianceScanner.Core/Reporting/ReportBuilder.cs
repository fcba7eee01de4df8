using System.Collections.Immutable;
using System.Globalization;
using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Core.Reporting;

/// <summary>Derives the report model from a scan's inputs and results. Pure: times and versions are passed in.</summary>
public static class ReportBuilder
{
    private static readonly Severity[] WorstFirst = [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info];

    public static ScanReport Build(
        ClusterSnapshot snapshot,
        ScannerConfig config,
        EvaluationResult result,
        IEnumerable<RuleDescriptor> catalogue,
        ReportScanner scanner,
        DateTimeOffset startedAt,
        DateTimeOffset finishedAt,
        DutyAnalysis? duties = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(result);
        // Rules share evidence records between findings (a role's rules, bound thousands of times): each is converted once.
        var evidence = new Dictionary<Evidence, ReportEvidence>(ReferenceEqualityComparer.Instance);
        var docUrls = new Dictionary<string, string>(StringComparer.Ordinal);
        var findings = result.Findings.Select(f => ToReport(f, evidence, docUrls)).ToImmutableArray();
        var open = result.Findings.Where(f => f.State == FindingState.Open).ToList();
        var evaluated = result.RulesEvaluated.ToHashSet(StringComparer.Ordinal);
        var ownership = new NamespaceOwnership(config, snapshot.Namespaces);
        return new ScanReport
        {
            Scanner = scanner,
            Scan = new ReportScan
            {
                StartedAt = startedAt,
                FinishedAt = finishedAt,
                Cluster = config.ClusterName,
                ConfigDigest = config.Digest,
                SnapshotDigest = snapshot.Digest,
                ConfigFile = config.FilePath,
                Sources = snapshot.Sources,
            },
            Incomplete = !snapshot.IsComplete || !result.Errors.IsEmpty,
            Missing = [.. snapshot.Missing.Select(m => new ReportMissingKind(m.Kind, m.Reason, m.RequiredPermission))],
            Summary = new ReportSummary
            {
                Total = result.Findings.Length,
                Open = open.Count,
                Excepted = result.Findings.Count(f => f.State == FindingState.Excepted),
                Builtin = result.Findings.Count(f => f.State == FindingState.Builtin),
                BySeverity = BySeverity(open),
                ByLayer = [.. Layer.All.Append(Layer.Undeclared).Select(l => new ReportCount(l, open.Count(f => f.Layer == l)))],
                ByRule = [.. open.GroupBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ReportCount(g.Key, g.Count()))],
                WorstSeverity = open.Count == 0 ? "none" : open.Max(f => f.Severity).ToName(),
            },
            Findings = findings,
            Teams = Teams(config, snapshot, ownership, result.Findings),
            Duties = [.. config.Duties.Keys],
            Matrix = duties is null ? [] : Matrix(duties),
            Exceptions = [.. result.Exceptions.Select(s => new ReportException(
                s.Entry.Rule,
                s.Entry.Object,
                s.Entry.Subject,
                s.Entry.Reason,
                s.Entry.ApprovedBy,
                s.Entry.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                s.Expired ? "expired" : s.Matched == 0 ? "stale" : "active",
                s.Matched))],
            RuleErrors = [.. result.Errors.Select(e => new ReportRuleError(e.RuleId, e.Message))],
            Rules = [.. catalogue.Where(d => evaluated.Contains(d.Id)).OrderBy(d => d.Id, StringComparer.Ordinal)
                .Select(d => new ReportRule(d.Id, d.Title, d.Severity.ToName(), d.Layer, d.Category, DocUrl(d.Id)))],
            Inventory = snapshot.CountsByKind(),
            UnknownKinds = snapshot.UnknownKinds,
        };
    }

    public static string DocUrl(string ruleId) => $"docs/rules/{ruleId}.md";

    /// <summary>The who-can-do-what matrix: one row per subject holding a duty, cells in duty order, scopes sorted (cluster-wide first).</summary>
    public static ImmutableArray<ReportMatrixRow> Matrix(DutyAnalysis duties)
    {
        ArgumentNullException.ThrowIfNull(duties);
        return [.. duties.Subjects.Select(s => new ReportMatrixRow
        {
            Subject = s.Subject.ToString(),
            Layer = s.Declaration.Layer,
            Team = s.Declaration.Team?.Name,
            Builtin = s.Declaration.IsBuiltin,
            Compliant = s.IsCompliant,
            Duties = [.. s.Holdings
                .GroupBy(h => h.Duty, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ReportMatrixCell(
                    g.Key,
                    [.. g.OrderBy(h => h.Namespace ?? string.Empty, StringComparer.Ordinal).Select(h => h.Namespace ?? "cluster-wide")],
                    [.. g.Where(h => !h.IsCompliant).OrderBy(h => h.Namespace ?? string.Empty, StringComparer.Ordinal).Select(h => h.Namespace ?? "cluster-wide")]))],
        })];
    }

    private static ImmutableArray<ReportCount> BySeverity(IReadOnlyCollection<Finding> findings) =>
        [.. WorstFirst.Select(s => new ReportCount(s.ToName(), findings.Count(f => f.Severity == s)))];

    /// <summary>
    /// One entry per configured team. The namespaces, Ingress counts and findings are grouped by owning team in one pass
    /// each, so the cost is linear in namespaces, Ingresses and findings rather than multiplied by the number of teams.
    /// </summary>
    private static ImmutableArray<ReportTeam> Teams(ScannerConfig config, ClusterSnapshot snapshot, NamespaceOwnership ownership, ImmutableArray<Finding> findings)
    {
        var namesByTeam = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var ingressesByTeam = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in snapshot.Namespaces.Select(n => n.Metadata.Name).Concat(snapshot.Ingresses.Select(i => i.Metadata.Namespace ?? string.Empty)))
        {
            if (name.Length > 0 && ownership.TeamOf(name) is { } owner)
            {
                Bucket(namesByTeam, owner.Name).Add(name);
            }
        }

        foreach (var ingress in snapshot.Ingresses)
        {
            // An Ingress counts for the team whose namespace list holds its namespace, i.e. the namespace's owner.
            if (ingress.Metadata.Namespace is { Length: > 0 } ns && ownership.TeamOf(ns) is { } owner)
            {
                ingressesByTeam[owner.Name] = ingressesByTeam.GetValueOrDefault(owner.Name) + 1;
            }
        }

        var findingsByTeam = findings.Where(f => f.Team is not null).ToLookup(f => f.Team!, StringComparer.Ordinal);
        return [.. config.Teams.Select(t => Team(
            t,
            namesByTeam.TryGetValue(t.Name, out var names) ? [.. names.Order(StringComparer.Ordinal)] : [],
            ingressesByTeam.GetValueOrDefault(t.Name),
            [.. findingsByTeam[t.Name]]))];
    }

    private static HashSet<string> Bucket(Dictionary<string, HashSet<string>> buckets, string key)
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            bucket = new HashSet<string>(StringComparer.Ordinal);
            buckets.Add(key, bucket);
        }

        return bucket;
    }

    private static ReportTeam Team(TeamDefinition team, ImmutableArray<string> names, int ingressCount, List<Finding> own) => new()
    {
        Name = team.Name,
        Namespaces = names,
        NamespacePatterns = team.Namespaces,
        Hosts = team.Hosts,
        IngressClasses = team.IngressClasses,
        Duties = team.Duties,
        Subjects = [.. team.Subjects.Select(s => s.ToString())],
        RequireTls = team.RequireTls,
        IngressCount = ingressCount,
        BySeverity = BySeverity([.. own.Where(f => f.State == FindingState.Open)]),
        FindingIds = [.. own.Select(f => f.Fingerprint)],
    };

    private static ReportFinding ToReport(Finding f, Dictionary<Evidence, ReportEvidence> evidence, Dictionary<string, string> docUrls) => new()
    {
        Id = f.Fingerprint,
        RuleId = f.RuleId,
        Title = f.Title,
        Severity = f.Severity.ToName(),
        Layer = f.Layer,
        State = f.State switch
        {
            FindingState.Excepted => "excepted",
            FindingState.Builtin => "builtin",
            _ => "open",
        },
        Message = f.Message,
        Remediation = f.Remediation,
        Object = f.Object is null ? null : new ReportObject(f.Object.Kind, f.Object.Namespace, f.Object.Name),
        Key = f.Key,
        Subject = f.Subject?.ToString(),
        Namespace = f.Namespace,
        Team = f.Team,
        Evidence = [.. f.Evidence.Select(e => Cached(evidence, e, e => new ReportEvidence(e.Kind, e.Reference, e.Detail)))],
        Source = f.Source is null ? null : new ReportSource(f.Source.File, f.Source.DocumentIndex, f.Source.Line),
        Exception = f.Exception is null
            ? null
            : new ReportAppliedException(f.Exception.Reason, f.Exception.ApprovedBy, f.Exception.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DocUrl = Cached(docUrls, f.RuleId, DocUrl),
    };

    private static TValue Cached<TKey, TValue>(Dictionary<TKey, TValue> cache, TKey key, Func<TKey, TValue> create)
        where TKey : notnull
    {
        if (!cache.TryGetValue(key, out var value))
        {
            value = create(key);
            cache.Add(key, value);
        }

        return value;
    }
}
