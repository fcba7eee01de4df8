using System.Collections.Concurrent;
using System.Diagnostics;
using ComplianceScanner.History;
using ComplianceScanner.History.Outbox;
using ComplianceScanner.TestSupport;
using Xunit.Abstractions;

namespace ComplianceScanner.Alerting.Tests;

/// <summary>
/// Kills a delivering PROCESS (SIGKILL) at random points while it sends alerts to a slow receiver that dedupes by
/// Idempotency-Key, restarts it, and checks that in the end every alert was acted on exactly once and none is left.
/// </summary>
public sealed class AlertDispatcherCrashTests(ITestOutputHelper output)
{
    private const int Bad = 40;

    [Fact]
    public async Task Killing_the_delivering_process_and_restarting_it_delivers_every_alert_once()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "scanner.db");
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Latency = TimeSpan.FromMilliseconds(25);
        var urlEnv = "CS_ALERT_CRASH_URL";
        List<string> expected;
        using (var store = ScanStore.Open(db))
        {
            var (report, recorded) = AlertScenario.Scan(store, Bad, TimeProvider.System.GetUtcNow());
            using var http = new HttpClient();
            var dispatcher = new AlertDispatcher(
                new() { Sinks = [AlertScenario.Webhook("hook", urlEnv)] },
                Rendering.TemplateSet.FromDirectory(RepoPaths.At("templates")),
                db,
                http,
                TimeProvider.System);
            await dispatcher.EnqueueAsync(report, recorded);
            using var outbox = AlertOutbox.Open(db);
            expected = [.. outbox.All().Select(r => r.IdempotencyKey)];
        }

        Assert.True(expected.Count >= Bad);
        var random = new Random(20261126);
        var kills = 0;
        var processes = 0;
        var clock = Stopwatch.StartNew();
        while (Pending(db) > 0)
        {
            Assert.True(processes < 60 && clock.Elapsed < TimeSpan.FromMinutes(4), $"gave up after {processes} worker processes and {clock.Elapsed}: {Pending(db)} alerts pending");
            processes++;
            var delivering = new TaskCompletionSource();
            var lines = new ConcurrentQueue<string>();
            using var worker = StartWorker(db, receiver.Url, urlEnv);
            worker.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    lines.Enqueue(line);
                    if (line.StartsWith("delivered ", StringComparison.Ordinal) && line != "delivered 0")
                    {
                        delivering.TrySetResult();
                    }
                }
            };
            worker.BeginOutputReadLine();
            var errors = worker.StandardError.ReadToEndAsync();
            // Timed from the first delivered batch (not from the start, which JIT and a busy machine make slow), so
            // the kill lands while messages are in flight: most requests spend their time accepted but unanswered.
            await Task.WhenAny(delivering.Task, worker.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));

            // Most workers are killed while they deliver; every sixth may finish, so the test also ends.
            var exited = worker.WaitForExit(processes % 6 == 0 ? 20_000 : random.Next(0, 300));
            if (!exited)
            {
                worker.Kill(entireProcessTree: true);
                kills++;
            }

            await worker.WaitForExitAsync();
            Assert.True(!exited || worker.ExitCode == 0, $"worker failed with exit code {worker.ExitCode}: {await errors}");
        }

        output.WriteLine($"{processes} worker processes, {kills} killed, {receiver.Requests} requests, {receiver.Duplicates} duplicates deduped, {clock.Elapsed.TotalSeconds:0} s");
        Assert.True(kills >= 2, $"only {kills} of {processes} workers were killed; the test proved little");
        Assert.True(receiver.Duplicates >= 1, "no kill landed between a message being accepted and being marked delivered; the test proved little");
        Assert.Equal(expected.Order(StringComparer.Ordinal), receiver.Accepted.Keys.Order(StringComparer.Ordinal));
        using var final = AlertOutbox.Open(db);
        Assert.All(final.All(), r => Assert.NotNull(r.DeliveredAt));
    }

    private static int Pending(string db)
    {
        using var outbox = AlertOutbox.Open(db);
        return outbox.PendingCount();
    }

    private static Process StartWorker(string db, string url, string urlEnv)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ComplianceScanner.Alerting.DeliveryWorker.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment[urlEnv] = url;
        foreach (var arg in new[] { dll, db, RepoPaths.At("templates"), "hook", urlEnv })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("the delivery worker did not start");
    }
}
