using System.Diagnostics;
using System.Globalization;
using ComplianceScanner.Bench;
using ComplianceScanner.Configuration;
using ComplianceScanner.History;
using ComplianceScanner.Pipeline;
using ComplianceScanner.TestSupport;
using Xunit.Abstractions;

namespace ComplianceScanner.Tests.Pipeline;

/// <summary>
/// The history store on the large synthetic cluster (the figures in docs/performance.md, "History store"): two scans
/// recorded with --store, timing the Diff stage (record + drift) and measuring the file. Runs only with HISTORY_BENCH=1;
/// HISTORY_BENCH_SCALE sets the cluster's scale (default 1.0).
/// </summary>
public sealed class ScanPipelineHistoryBenchmarkTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Large_synthetic_cluster_is_recorded_twice_and_measured()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("HISTORY_BENCH") == "1", "set HISTORY_BENCH=1 to measure the history store on the synthetic cluster");
        var scale = double.Parse(Environment.GetEnvironmentVariable("HISTORY_BENCH_SCALE") ?? "1.0", CultureInfo.InvariantCulture);
        using var dir = new TempDirectory();
        var cluster = new SyntheticCluster(scale);
        var manifests = cluster.WriteTo(dir.Path);
        var config = ConfigLoader.LoadFile(Path.Combine(dir.Path, "scanner.yaml"), new DateOnly(2026, 11, 26)).Config!;
        var db = Path.Combine(dir.Path, "history.db");
        output.WriteLine($"synthetic cluster at scale {scale}: {cluster.TotalObjects} objects");
        for (var run = 1; run <= 2; run++)
        {
            if (run == 2)
            {
                // A change between the scans, so the second one decodes the first snapshot and diffs objects and permissions.
                File.WriteAllText(Path.Combine(manifests, "zz-change.yaml"), Change);
            }

            var progress = new TimedProgress();
            var request = new ScanRequest(config, SnapshotInput.FromPaths([manifests]), Path.Combine(dir.Path, "out"), ["json"], dir.Path, dir.Path, db);
            var outcome = new ScanPipeline(new FixedTimeProvider(FixedTimeProvider.DemoNow.AddDays(run)), progress).Run(request, CancellationToken.None);
            progress.Stage("end", string.Empty);
            var recorded = outcome.Recorded!;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"scan {run}: {outcome.Report.Summary.Total} findings; stages {progress}; drift {recorded.Drift.Findings.New.Length} new, {recorded.Drift.Findings.Unchanged} unchanged, {recorded.Drift.ObjectChanges.Length} object and {recorded.Drift.PermissionChanges.Length} permission changes; store {new FileInfo(db).Length / 1024.0 / 1024.0:0.0} MiB (+ WAL {(File.Exists(db + "-wal") ? new FileInfo(db + "-wal").Length : 0) / 1024.0 / 1024.0:0.0} MiB)"));
        }

        using var store = ScanStore.OpenExisting(db);
        Assert.Empty(store.Check());
        Assert.Equal(2, store.Scans().Length);
    }

    private const string Change = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: bench-drift}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects: [{kind: Group, name: bench-intruders, apiGroup: rbac.authorization.k8s.io}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: bench-drift, namespace: default}
        spec:
          rules:
          - host: bench.example.org
        """;

    private sealed class TimedProgress : IScanProgress
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly List<string> stages = [];
        private string? current;

        public void Stage(string name, string detail)
        {
            if (current is not null)
            {
                stages.Add(string.Create(CultureInfo.InvariantCulture, $"{current} {clock.Elapsed.TotalSeconds:0.0} s"));
            }

            current = name;
            clock.Restart();
        }

        public override string ToString() => string.Join(", ", stages);
    }
}
