using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace ComplianceScanner.History.Tests;

/// <summary>
/// Kills a writer PROCESS (SIGKILL, not a cancelled task) at random points while it records scans, and checks after
/// every kill that the store opens, is consistent, and still holds every scan the writer had reported as recorded.
/// </summary>
public sealed class ScanStoreCrashTests(ITestOutputHelper output)
{
    private const int Writes = 50;
    private const int FindingsPerScan = 500;

    [Fact]
    public async Task Killing_the_writer_at_random_points_never_loses_a_completed_scan_or_leaves_a_half_written_one()
    {
        using var file = new StoreFile();
        var random = new Random(20260301);
        var reported = new Dictionary<long, int>();
        var killedMidBatch = 0;
        var processes = 0;
        var clock = Stopwatch.StartNew();
        var recorded = 0;
        while (recorded < Writes)
        {
            Assert.True(processes < 400 && clock.Elapsed < TimeSpan.FromMinutes(10), $"gave up after {processes} writer processes and {clock.Elapsed}: {recorded} of {Writes} scans recorded");
            processes++;
            var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var opened = new TaskCompletionSource();
            using var writer = StartWriter(file.Path, first: recorded + 1, count: Writes - recorded);
            writer.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    lines.Enqueue(line);
                    if (line == "open")
                    {
                        opened.TrySetResult();
                    }
                }
            };
            writer.BeginOutputReadLine();
            var errors = writer.StandardError.ReadToEndAsync();

            // Mostly kill while scans are being written (timed from the store being open, so a slow start on a busy
            // machine does not eat the window); one writer in ten is killed anywhere from its start instead.
            var exited = false;
            if (random.Next(10) == 0)
            {
                exited = writer.WaitForExit(random.Next(0, 1500));
            }
            else
            {
                await Task.WhenAny(opened.Task, writer.WaitForExitAsync());
                exited = writer.WaitForExit(random.Next(0, 1500));
            }

            if (!exited)
            {
                writer.Kill(entireProcessTree: true);
                killedMidBatch++;
            }

            await writer.WaitForExitAsync();
            Assert.True(!exited || writer.ExitCode == 0, $"writer failed with exit code {writer.ExitCode}: {await errors}");
            foreach (var line in lines.Where(l => l.StartsWith("recorded ", StringComparison.Ordinal)))
            {
                var parts = line.Split(' ');
                reported[long.Parse(parts[1], CultureInfo.InvariantCulture)] = int.Parse(parts[2], CultureInfo.InvariantCulture);
            }

            using var store = ScanStore.Open(file.Path);
            var problems = store.Check();
            Assert.True(problems.IsEmpty, $"after writer {processes}: {string.Join("; ", problems)}");
            var scans = store.Scans("crash");
            var ids = scans.Select(s => s.Id).ToHashSet();
            Assert.All(reported.Keys, id => Assert.Contains(id, ids));
            Assert.All(scans, s => Assert.Equal(FindingsPerScan, s.Total));
            Assert.True(scans.Length >= recorded, "a scan that was in the store disappeared");
            recorded = scans.Length;
        }

        output.WriteLine($"{processes} writer processes, {killedMidBatch} killed before finishing, {reported.Count} scans reported recorded, {Writes} in the store, {clock.Elapsed.TotalSeconds:0} s");
        Assert.Equal(Writes, recorded);
        Assert.True(killedMidBatch >= 5, $"only {killedMidBatch} of {processes} writers were killed before finishing; the test proved little");

        using var final = ScanStore.OpenExisting(file.Path);
        Assert.Empty(final.Check());
        var last = final.Scans("crash")[^1];
        Assert.Equal(FindingsPerScan, final.FindingsOf(last.Id).Length);
        Assert.NotNull(final.SnapshotOf(last.Id));
    }

    private static Process StartWriter(string db, int first, int count)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ComplianceScanner.History.CrashWriter.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, db, first.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture), FindingsPerScan.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("the crash writer did not start");
    }
}
