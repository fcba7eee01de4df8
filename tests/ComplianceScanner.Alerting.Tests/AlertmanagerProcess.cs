using System.Diagnostics;
using System.Text;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Alerting.Tests;

/// <summary>
/// The real Prometheus Alertmanager (Debian's <c>prometheus-alertmanager</c>) on a free loopback port, clustering
/// off, with a temp config routing everything to a receiver that sends nothing. Killed and deleted on dispose.
/// </summary>
internal sealed class AlertmanagerProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";

    private const string Config = """
        route:
          receiver: "null"
          group_wait: 1s
        receivers:
        - name: "null"
        """;

    private readonly Process process;
    private readonly TempDirectory dir;
    private readonly StringBuilder log;

    private AlertmanagerProcess(Process process, TempDirectory dir, StringBuilder log, string url)
    {
        this.process = process;
        this.dir = dir;
        this.log = log;
        Url = url;
    }

    public string Url { get; }

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Skips (or, with CI=true, fails) when the binary is not installed.</summary>
    public static void RequireBinary()
    {
        if (File.Exists(Binary))
        {
            return;
        }

        var message = $"{Binary} is not installed (Debian package prometheus-alertmanager; .ci/run installs it).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Skip.If(true, message);
    }

    public static async Task<AlertmanagerProcess> StartAsync()
    {
        var dir = new TempDirectory();
        var config = dir.File("alertmanager.yml", Config);
        var storage = Path.Combine(dir.Path, "data");
        Directory.CreateDirectory(storage);
        var port = TestReceiver.FreePort();
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--config.file=" + config, "--storage.path=" + storage, $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=" })
        {
            info.ArgumentList.Add(arg);
        }

        var log = new StringBuilder();
        var process = Process.Start(info) ?? throw new InvalidOperationException("alertmanager did not start");
        DataReceivedEventHandler append = (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var am = new AlertmanagerProcess(process, dir, log, $"http://127.0.0.1:{port}");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Assert.False(process.HasExited, "alertmanager exited at start:\n" + am.Log);
            try
            {
                using var response = await http.GetAsync(am.Url + "/-/ready");
                if (response.IsSuccessStatusCode)
                {
                    return am;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer on a busy machine; try again.
            }

            await Task.Delay(200);
        }

        await am.DisposeAsync();
        throw new TimeoutException("alertmanager was not ready within 30 s:\n" + am.Log);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        dir.Dispose();
    }
}
