using System.Collections.Immutable;
using System.Reflection;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.Rendering;
using ComplianceScanner.Snapshot.Live;
using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.Pipeline;

/// <summary>
/// Snapshot -> Resolve -> Evaluate -> Diff -> Render -> Deliver. Each stage takes an immutable value and returns one;
/// <see cref="Run"/> reads as the stages in order.
/// </summary>
internal sealed class ScanPipeline(TimeProvider time, IScanProgress progress)
{
    public static string ScannerVersion { get; } =
        typeof(ScanPipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IReadOnlyList<string> SupportedFormats { get; } = ["html", "json"];

    public ScanOutcome Run(ScanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetUtcNow();
        var (snapshot, inputErrors) = TakeSnapshot(request.Input, cancellationToken);
        var context = Resolve(snapshot, request.Config, started);
        var evaluation = Evaluate(context);
        var report = ReportPaths.Relativize(Render(snapshot, request.Config, evaluation, started), request.WorkingDirectory);
        var written = Deliver(report, request);
        return new ScanOutcome(report, evaluation, inputErrors, written);
    }

    private (ClusterSnapshot Snapshot, ImmutableArray<string> Errors) TakeSnapshot(SnapshotInput input, CancellationToken ct)
    {
        if (input.Cluster is { } cluster)
        {
            return (ReadCluster(cluster, ct), []);
        }

        progress.Stage("snapshot", input.Paths.Count > 0 ? "reading " + string.Join(", ", input.Paths) : "reading the bundled demo cluster");
        var loader = new ManifestLoader();
        var result = input.Paths.Count > 0 ? loader.Load(input.Paths, ct) : loader.LoadMany(input.Documents, ct);

        // The loader records each unreadable document in Snapshot.Missing too, so the scan is marked incomplete.
        return (result.Snapshot, [.. result.Errors.Select(e => e.ToString())]);
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

    private EvaluationContext Resolve(ClusterSnapshot snapshot, ScannerConfig config, DateTimeOffset now)
    {
        progress.Stage("resolve", $"{snapshot.Ingresses.Length} ingresses, {snapshot.RoleBindings.Length + snapshot.ClusterRoleBindings.Length} bindings");
        return new EvaluationContext(snapshot, config, DateOnly.FromDateTime(now.UtcDateTime));
    }

    private EvaluationResult Evaluate(EvaluationContext context)
    {
        progress.Stage("evaluate", $"{RuleCatalogue.All.Length} rules");
        return new Evaluator(RuleCatalogue.All).Evaluate(context);
    }

    private ScanReport Render(ClusterSnapshot snapshot, ScannerConfig config, EvaluationResult evaluation, DateTimeOffset started)
    {
        progress.Stage("render", $"{evaluation.Findings.Length} findings");
        return ReportBuilder.Build(
            snapshot,
            config,
            evaluation,
            RuleCatalogue.Descriptors,
            new ReportScanner("ComplianceScanner", ScannerVersion, RuleCatalogue.Version),
            started,
            time.GetUtcNow());
    }

    private ImmutableArray<string> Deliver(ScanReport report, ScanRequest request)
    {
        progress.Stage("deliver", request.OutDirectory);
        Directory.CreateDirectory(request.OutDirectory);
        var written = ImmutableArray.CreateBuilder<string>();
        foreach (var format in request.Formats)
        {
            var (file, content) = format switch
            {
                "json" => ("report.json", ReportJson.Serialize(report)),
                "html" => ("report.html", new HtmlReportRenderer(TemplateSet.FromDirectory(request.TemplatesDirectory)).Render(report)),
                _ => throw new ArgumentException($"unknown format '{format}'", nameof(request)),
            };
            var path = Path.Combine(request.OutDirectory, file);
            AtomicFile.Write(path, content);
            written.Add(path);
        }

        return written.ToImmutable();
    }

    /// <summary>True when an open finding is at or above the threshold.</summary>
    public static bool ExceedsThreshold(EvaluationResult evaluation, Severity threshold) =>
        evaluation.Findings.Any(f => f.State == FindingState.Open && f.Severity >= threshold);
}
