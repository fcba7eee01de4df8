using System.Diagnostics;
using ComplianceScanner.History.CrashWriter;
using Xunit.Abstractions;

namespace ComplianceScanner.History.Tests;

/// <summary>
/// Store size and write time for large scans (the figures in docs/performance.md, "History store"). Runs only with
/// HISTORY_BENCH=1 (it takes minutes); it still checks the store it measured.
/// </summary>
public sealed class ScanStoreBenchmarkTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData(20_000, 10)]
    public void Recording_large_scans_reports_size_and_write_time(int findings, int scans)
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("HISTORY_BENCH") == "1", "set HISTORY_BENCH=1 to measure the history store");
        using var file = new StoreFile();
        var store = file.Open();
        var sizes = new List<long>();
        var times = new List<double>();
        for (var v = 1; v <= scans; v++)
        {
            var scan = SyntheticHistory.Scan("bench", v, findings);
            var clock = Stopwatch.StartNew();
            var recorded = store.Record(scan, new RetentionPolicy(100, 3650));
            times.Add(clock.Elapsed.TotalMilliseconds);
            sizes.Add(Size(file.Path));
            output.WriteLine($"scan {v}: {clock.Elapsed.TotalMilliseconds:0} ms, {recorded.Drift.Findings.New.Length} new, {recorded.Drift.Findings.Resolved.Length} resolved, {recorded.Drift.ObjectChanges.Length} object changes, file {Size(file.Path) / 1024.0 / 1024.0:0.0} MiB");
        }

        var snapshotBytes = SnapshotCodec.Encode(SyntheticHistory.Snapshot(1, findings), out var raw).Length;
        var phase = Stopwatch.StartNew();
        var blob = SnapshotCodec.Encode(SyntheticHistory.Snapshot(1, findings), out _);
        var encode = phase.Elapsed.TotalMilliseconds;
        phase.Restart();
        var decoded = SnapshotCodec.Decode(blob, SnapshotCodec.Encoding);
        var decode = phase.Elapsed.TotalMilliseconds;
        phase.Restart();
        var drift = Core.Diff.DriftCalculator.Compute(
            new Core.Diff.DriftBaseline(1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, true),
            SyntheticHistory.Findings(1, findings),
            _ => true,
            decoded,
            SyntheticHistory.Findings(2, findings),
            SyntheticHistory.Snapshot(2, findings),
            true);
        output.WriteLine($"snapshot encode {encode:0} ms, decode {decode:0} ms, drift (findings, objects, permissions) {phase.Elapsed.TotalMilliseconds:0} ms ({drift.ObjectChanges.Length} object changes)");
        output.WriteLine($"{findings} findings per scan, {scans} scans: first write {times[0]:0} ms, median of the rest {times.Skip(1).Order().ElementAt((times.Count - 1) / 2):0} ms");
        Assert.Empty(store.Check());
        Assert.Equal(scans, store.Scans().Length);
        store.Dispose();
        var closed = Size(file.Path);
        output.WriteLine($"store after close {closed / 1024.0 / 1024.0:0.0} MiB; growth per scan after the first {(sizes[^1] - sizes[0]) / (scans - 1) / 1024.0:0} KiB; snapshot {raw / 1024.0:0} KiB JSON -> {snapshotBytes / 1024.0:0} KiB Brotli");
    }

    private static long Size(string db) =>
        new[] { db, db + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
}
