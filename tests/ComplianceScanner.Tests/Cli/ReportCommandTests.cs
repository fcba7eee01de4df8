using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Tests.Cli;

/// <summary><c>report send</c> end to end: a scan recorded with <c>scan --store</c>, then e-mailed to a minimal SMTP receiver on 127.0.0.1.</summary>
public sealed class ReportCommandTests
{
    private static string Config(int port) => $$"""
        apiVersion: compliancescanner.io/v1
        kind: ScannerConfig
        cluster: {name: tiny}
        layers:
          namespace:
            teams:
            - {name: web, subjects: [{kind: Group, name: team-web}], namespaces: [web], hosts: [web.example.com], duties: [route-editing], contacts: [web@example.com]}
            - {name: api, subjects: [{kind: Group, name: team-api}], namespaces: [api], hosts: [api.example.com], duties: [route-editing], contacts: [api@example.com]}
        store: {path: state/history.db}
        reports:
          smtp: {host: 127.0.0.1, port: {{port}}, security: none, from: scanner@example.com}
          schedules:
          - {name: daily, cron: "0 0 7 * * ?", audience: teams, attach: [json]}
        """;

    private const string Cluster = """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: nginx, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
        spec: {controller: example.com/controller}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: web}
        spec: {ports: [{port: 80}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: rogue, namespace: web}
        spec:
          rules:
          - host: rogue.example.org
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80} } } }]}
        """;

    [Fact]
    public async Task Report_send_mails_each_team_once_per_window_from_the_latest_recorded_scan()
    {
        using var dir = new TempDirectory();
        await using var smtp = MiniSmtp.Start();
        dir.File("scanner.yaml", Config(smtp.Port));
        dir.File("m/cluster.yaml", Cluster);
        var clock = new FixedTimeProvider();
        Assert.Equal(0, CliRunner.Run(dir.Path, clock, "scan", "--from", "m", "--format", "json").ExitCode);

        var sent = CliRunner.Run(dir.Path, clock, "report", "send", "--schedule", "daily");
        var again = CliRunner.Run(dir.Path, clock, "report", "send", "--schedule", "daily", "--window", "2026-11-26T07:00:00Z");

        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Contains("schedule daily, window 2026-11-26T07:00:00Z, scan 1:", sent.Out, StringComparison.Ordinal);
        Assert.Contains("team:web: sent", sent.Out, StringComparison.Ordinal);
        Assert.Contains("team:api: sent", sent.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("team:web: already delivered for this window (not sent again)", again.Out, StringComparison.Ordinal);
        var messages = smtp.Messages.ToArray();
        Assert.Equal(2, messages.Length);
        var web = Assert.Single(messages, m => m.Contains("RCPT TO:<web@example.com>", StringComparison.Ordinal));
        Assert.Contains("rogue", web, StringComparison.Ordinal);
        var api = Assert.Single(messages, m => m.Contains("RCPT TO:<api@example.com>", StringComparison.Ordinal));
        Assert.DoesNotContain("rogue", api, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_send_names_the_configured_schedules_when_the_schedule_is_unknown()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config(25));
        dir.File("m/cluster.yaml", Cluster);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json").ExitCode);

        var result = CliRunner.Run(dir.Path, "report", "send", "--schedule", "weekly");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --schedule: no schedule named 'weekly' in reports.schedules (configured: daily).", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Just enough SMTP (no extensions) to accept messages; keeps each transaction's commands and data as text.</summary>
    private sealed class MiniSmtp : IAsyncDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private Task? loop;

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public ConcurrentQueue<string> Messages { get; } = new();

        public static MiniSmtp Start()
        {
            var smtp = new MiniSmtp();
            smtp.listener.Start();
            smtp.loop = smtp.AcceptAsync();
            return smtp;
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            try
            {
                await loop!.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.UTF8);
                await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 localhost ready");
                var transaction = new StringBuilder();
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    if (line.StartsWith("DATA", StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("354 go ahead");
                        while (await reader.ReadLineAsync(stop.Token) is { } data && data != ".")
                        {
                            transaction.Append(data).Append('\n');
                        }

                        Messages.Enqueue(transaction.ToString());
                        transaction.Clear();
                        await writer.WriteLineAsync("250 queued");
                        continue;
                    }

                    transaction.Append(line).Append('\n');
                    if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("221 bye");
                        break;
                    }

                    await writer.WriteLineAsync(line.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase) ? "250 localhost" : "250 ok");
                }
            }
        }
    }
}
