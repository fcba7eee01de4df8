using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ComplianceScanner.Configuration;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.Demo;
using ComplianceScanner.Evidence;
using ComplianceScanner.History;
using ComplianceScanner.Rendering;
using ComplianceScanner.Snapshot.Live;

namespace ComplianceScanner.Pipeline;

/// <summary>
/// Snapshot -> Resolve -> Evaluate -> Diff -> Render -> Deliver. Each stage takes an immutable value and returns one;
/// <see cref="Run"/> reads as the stages in order.
/// </summary>
internal sealed class ScanPipeline(TimeProvider time, IScanProgress progress)
{
    public static string ScannerVersion { get; } =
        typeof(ScanPipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IReadOnlyList<string> SupportedFormats => ReportFormats.Names;

    public ScanOutcome Run(ScanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = ScanTelemetry.StartScan("cli", "full");
        var started = time.GetUtcNow();

        // Opened first, so a bad store path fails before minutes of scanning rather than after.
        using var store = request.StorePath is null ? null : ScanStore.Open(request.StorePath);
        var (snapshot, snapshotErrors) = TakeSnapshot(request.Input, cancellationToken);
        var (config, exceptionErrors) = WithClusterExceptions(snapshot, request.Config, DateOnly.FromDateTime(started.UtcDateTime));
        var inputErrors = snapshotErrors.AddRange(exceptionErrors);
        request = request with { Config = config };
        var context = Resolve(snapshot, config, started);
        var evaluation = Evaluate(context);
        return Finish(store, request, context.Snapshot, context, evaluation, inputErrors, started);
    }

    /// <summary>
    /// Diff -> Render -> Deliver for a snapshot already judged: records the scan (when a store is given), builds the
    /// report and writes its formats (none when <see cref="ScanRequest.Formats"/> is empty). The agent calls this after
    /// judging a snapshot from its watch cache, in full or incrementally; <paramref name="snapshot"/> is what was read
    /// (an incrementally derived context carries the same objects, but no digest).
    /// </summary>
    internal ScanOutcome Finish(ScanStore? store, ScanRequest request, ClusterSnapshot snapshot, EvaluationContext context, EvaluationResult evaluation, ImmutableArray<string> inputErrors, DateTimeOffset started)
    {
        var finished = time.GetUtcNow();
        var recorded = Diff(store, request, snapshot, context, evaluation, started, finished);
        var report = ReportPaths.Relativize(Render(snapshot, context, evaluation, started, finished, recorded), request.WorkingDirectory) with
        {
            Trend = Trend(store, request.Config.ClusterName),
        };
        if (request.StorePath is not null && EvidenceKey.DefaultPublicKey(request.StorePath) is { } key)
        {
            // The key that will sign this scan's evidence bundles, so the report and a bundle can be matched.
            report = report with { SigningKey = new ReportSigningKey(key.Fingerprint, key.PublicKeyPem) };
        }

        if (store is not null && recorded is not null)
        {
            // The report as written, kept with the scan so its evidence bundle holds exactly this report.
            store.AttachFiles(recorded.Scan.Id, [new ScanFile(ScanFiles.ReportPath, Encoding.UTF8.GetBytes(ReportJson.Serialize(report)))]);
        }

        var written = request.Formats.Count == 0 ? [] : Deliver(report, request);
        Activity.Current?.SetTag("scan.findings", evaluation.Findings.Length);
        Activity.Current?.SetTag("scan.incomplete", report.Incomplete);
        return new ScanOutcome(report, evaluation, inputErrors, written, recorded);
    }

    private (ClusterSnapshot Snapshot, ImmutableArray<string> Errors) TakeSnapshot(SnapshotInput input, CancellationToken ct)
    {
        using var span = ScanTelemetry.Stage("snapshot");
        if (input.Cluster is { } cluster)
        {
            return (ReadCluster(cluster, ct), []);
        }

        progress.Stage("snapshot", input.Paths.Count > 0 ? "reading " + string.Join(", ", input.Paths) : "reading the bundled demo cluster");
        return SnapshotReader.Read(input, ct);
    }

    /// <summary>
    /// Reads the cluster. A kind it may not read is listed in the snapshot's Missing (the scan is incomplete, not
    /// failed); a cluster it cannot reach at all throws <see cref="LiveSnapshotException"/>.
    /// </summary>
    private ClusterSnapshot ReadCluster(ClusterInput cluster, CancellationToken ct)
    {
        var options = new LiveSnapshotOptions { TimeProvider = time };
        using var source = cluster.InCluster
            ? LiveSnapshotSource.InCluster(options)
            : LiveSnapshotSource.FromKubeconfig(cluster.Kubeconfig!, cluster.Context, options);
        progress.Stage("snapshot", "reading the cluster at " + source.ServerUrl);

        // The pipeline's stages are synchronous; the read is the one asynchronous step, awaited here.
        return source.ReadAsync(ct).GetAwaiter().GetResult().Snapshot;
    }

    /// <summary>
    /// Adds the exceptions the security layer keeps in the cluster: the <c>exceptions.yaml</c> key of its ConfigMaps
    /// (<c>scanner.configMaps</c>; by default <c>compliancescanner-exceptions</c> in the security layer's namespaces).
    /// ConfigMaps anywhere else are ignored, so nobody outside the security layer can except themselves. Entries with
    /// problems are reported as input errors and not applied: their findings stay open.
    /// </summary>
    public static (ScannerConfig Config, ImmutableArray<string> Errors) WithClusterExceptions(ClusterSnapshot snapshot, ScannerConfig config, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(config);
        var owned = config.SelfProtection.EffectiveConfigMaps(config.SecurityLayer).ToHashSet();
        var added = ImmutableArray.CreateBuilder<ExceptionEntry>();
        var errors = ImmutableArray.CreateBuilder<string>();
        foreach (var cm in snapshot.ConfigMaps)
        {
            if (!cm.DataRetained
                || !owned.Contains(new ConfigMapName(cm.Metadata.Namespace ?? string.Empty, cm.Metadata.Name))
                || !cm.Data.TryGetValue(ClusterExceptionsKey, out var text))
            {
                continue;
            }

            var (entries, diagnostics) = ConfigLoader.LoadExceptions(text, $"ConfigMap {cm.Metadata.QualifiedName} ({ClusterExceptionsKey})", today);
            added.AddRange(entries);
            errors.AddRange(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        }

        return added.Count == 0 ? (config, errors.ToImmutable()) : (config with { Exceptions = config.Exceptions.AddRange(added) }, errors.ToImmutable());
    }

    /// <summary>The ConfigMap key holding in-cluster exceptions.</summary>
    public const string ClusterExceptionsKey = "exceptions.yaml";

    internal EvaluationContext Resolve(ClusterSnapshot snapshot, ScannerConfig config, DateTimeOffset now)
    {
        using var span = ScanTelemetry.Stage("resolve");
        progress.Stage("resolve", $"{snapshot.Ingresses.Length} ingresses, {snapshot.RoleBindings.Length + snapshot.ClusterRoleBindings.Length} bindings");
        return new EvaluationContext(snapshot, config, DateOnly.FromDateTime(now.UtcDateTime));
    }

    internal EvaluationResult Evaluate(EvaluationContext context)
    {
        using var span = ScanTelemetry.Stage("evaluate");
        progress.Stage("evaluate", $"{RuleCatalogue.All.Length} rules");

        // The permission index and duty analysis are built lazily by the first rule that reads them: inside this span.
        return new Evaluator(RuleCatalogue.All).Evaluate(context);
    }

    /// <summary>Records the scan in the history store and compares it with the previous complete scan; null without a store.</summary>
    private RecordedScan? Diff(ScanStore? store, ScanRequest request, ClusterSnapshot snapshot, EvaluationContext context, EvaluationResult evaluation, DateTimeOffset started, DateTimeOffset finished)
    {
        if (store is null)
        {
            return null;
        }

        using var span = ScanTelemetry.Stage("diff");
        progress.Stage("diff", "recording in " + request.StorePath);
        return store.Record(
            new ScanRecording
            {
                Cluster = request.Config.ClusterName,
                StartedAt = started,
                FinishedAt = finished,
                Snapshot = snapshot,
                Findings = [.. evaluation.Findings.Select(ScanFinding.From)],
                Complete = snapshot.IsComplete && evaluation.Errors.IsEmpty,
                ConfigDigest = request.Config.Digest,
                RulesetVersion = RuleCatalogue.Version,
                ScannerVersion = ScannerVersion,
                Config = context.Config,
                Files = EvidenceFiles(request),
            },
            request.Retention ?? RetentionPolicy.Default,
            context.Permissions,
            context.Duties);
    }

    /// <summary>Scans of the cluster the report's trend chart shows: the most recent ones, this scan included.</summary>
    public const int TrendLength = 20;

    /// <summary>The order of <see cref="StoredScan.OpenBySeverity"/>: worst first.</summary>
    private static readonly Severity[] TrendSeverities = [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info];

    /// <summary>The recent recorded scans of the cluster, oldest first (this one last); empty without a store.</summary>
    private static ImmutableArray<ReportTrendPoint> Trend(ScanStore? store, string cluster)
    {
        if (store is null)
        {
            return [];
        }

        var scans = store.Scans(cluster);
        return [.. scans.Skip(Math.Max(0, scans.Length - TrendLength)).Select(s => new ReportTrendPoint
        {
            ScanId = s.Id,
            StartedAt = s.StartedAt,
            Complete = s.Complete,
            Total = s.Total,
            Open = s.Open,
            Excepted = s.Excepted,
            BySeverity = [.. TrendSeverities.Select((severity, i) => new ReportCount(severity.ToName(), s.OpenBySeverity[i]))],
        })];
    }

    /// <summary>
    /// The exact scanner.yaml (only when the file still has the digest the scan was judged with) and the templates,
    /// kept with the scan for its evidence bundle.
    /// </summary>
    private static ImmutableArray<ScanFile> EvidenceFiles(ScanRequest request)
    {
        var files = ImmutableArray.CreateBuilder<ScanFile>();
        var config = request.Config;
        byte[]? bytes = null;
        if (config.FilePath == EmbeddedDemo.ConfigDisplayPath)
        {
            bytes = Encoding.UTF8.GetBytes(EmbeddedDemo.ReadConfig());
        }
        else if (config.FilePath.Length > 0 && File.Exists(config.FilePath))
        {
            bytes = File.ReadAllBytes(config.FilePath);
        }

        if (bytes is not null && string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), config.Digest, StringComparison.Ordinal))
        {
            files.Add(new ScanFile(ScanFiles.ConfigPath, bytes));
        }

        files.AddRange(ScanFiles.Templates(request.TemplatesDirectory));
        return files.ToImmutable();
    }

    private ScanReport Render(ClusterSnapshot snapshot, EvaluationContext context, EvaluationResult evaluation, DateTimeOffset started, DateTimeOffset finished, RecordedScan? recorded)
    {
        using var span = ScanTelemetry.Stage("render");
        progress.Stage("render", $"{evaluation.Findings.Length} findings");
        var report = ReportBuilder.Build(
            snapshot,
            context.Config,
            evaluation,
            RuleCatalogue.Descriptors,
            new ReportScanner("ComplianceScanner", ScannerVersion, RuleCatalogue.Version),
            started,
            finished,
            context.IsMissing("rolebindings") || context.IsMissing("clusterrolebindings") ? null : context.Duties);
        return recorded is null ? report : report with { Drift = DriftReportBuilder.Build(recorded.Drift) };
    }

    private ImmutableArray<string> Deliver(ScanReport report, ScanRequest request)
    {
        using var span = ScanTelemetry.Stage("deliver");
        progress.Stage("deliver", request.OutDirectory);
        var formats = request.Formats
            .Select(name => ReportFormats.Find(name) ?? throw new ArgumentException($"unknown format '{name}'", nameof(request)))
            .ToList();
        var templates = formats.Any(f => f.UsesTemplates) ? TemplateSet.FromDirectory(request.TemplatesDirectory) : null;

        // A template error must not leave a mix of new and old reports: every file is written to a temporary file
        // first and moved into place only when all were written. Formats that stream (HTML, JSON) are written as they
        // render, never held whole; the others are rendered to a string.
        var files = formats
            .Select(f => (Path: Path.Combine(request.OutDirectory, f.FileName), Write: f.WriteTo is { } write
                ? (Action<Stream>)(stream => write(report, templates, stream))
                : AtomicFile.Text(f.Render(report, templates!))))
            .ToList();
        if (request.PerTeam && formats.Any(f => f.Name == "html"))
        {
            files.AddRange(new HtmlReportRenderer(templates!).RenderPerTeam(report).Select(t => (Path.Combine(request.OutDirectory, t.FileName), AtomicFile.Text(t.Content))));
        }

        Directory.CreateDirectory(request.OutDirectory);
        AtomicFile.WriteAll(files);
        return [.. files.Select(f => f.Path)];
    }

    /// <summary>True when an open finding is at or above the threshold.</summary>
    public static bool ExceedsThreshold(EvaluationResult evaluation, Severity threshold) =>
        evaluation.Findings.Any(f => f.State == FindingState.Open && f.Severity >= threshold);
}
