using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ComplianceScanner.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Tests.Cli;

/// <summary><c>scan --store</c> with an <c>alerts:</c> section: the scan's transitions reach a local webhook, once.</summary>
public sealed class ScanCommandAlertTests
{
    private const string Config = """
        apiVersion: compliancescanner.io/v1
        kind: ScannerConfig
        cluster: {name: tiny}
        layers:
          namespace:
            teams:
            - {name: web, subjects: [{kind: Group, name: team-web}], namespaces: [web], hosts: [web.example.com], duties: [route-editing]}
        store: {path: state/history.db}
        alerts:
          minSeverity: high
          notify: [new, reopened, resolved]
          sinks:
          - {name: hook, type: webhook, urlFile: secrets/hook-url}
        """;

    private static string Cluster(string host) => $$$"""
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
        metadata: {name: web, namespace: web}
        spec:
          rules:
          - host: {{{host}}}
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80} } } }]}
        """;

    [Fact]
    public async Task Scan_with_a_store_sends_new_then_resolved_findings_to_the_webhook_without_printing_its_url()
    {
        var bodies = new ConcurrentQueue<(string Key, string Body)>();
        var port = FreePort();
        await using var app = await StartReceiverAsync(port, bodies);
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        var url = $"http://127.0.0.1:{port}/hooks/SECRET-PATH";
        dir.File("secrets/hook-url", url + "\n");
        var clock = new FixedTimeProvider();
        dir.File("m/cluster.yaml", Cluster("evil.example.org"));

        var first = CliRunner.Run(dir.Path, clock, "scan", "--from", "m", "--format", "json");
        clock.Advance(TimeSpan.FromDays(1));
        dir.File("m/cluster.yaml", Cluster("web.example.com"));
        var second = CliRunner.Run(dir.Path, clock, "scan", "--from", "m", "--format", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("alerts: 1 sent in 1 message(s); 0 waiting", first.Out, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("alerts: 1 sent in 1 message(s); 0 waiting", second.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", first.ToString() + second, StringComparison.Ordinal);
        var messages = bodies.Select(b => JsonDocument.Parse(b.Body).RootElement.GetProperty("alerts")[0]).ToList();
        Assert.Equal(["firing SOD-ING-001 Ingress web/web", "resolved SOD-ING-001 Ingress web/web"], messages.Select(a => $"{a.GetProperty("status")} {a.GetProperty("ruleId")} {a.GetProperty("object")}"));
        Assert.Equal(2, bodies.Select(b => b.Key).Distinct().Count());
    }

    [Fact]
    public void Alerts_without_a_store_are_not_sent_and_say_why()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config.Replace("store: {path: state/history.db}\n", string.Empty, StringComparison.Ordinal));
        dir.File("m/cluster.yaml", Cluster("evil.example.org"));

        var result = CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: alerts are configured but not sent: they need a history store (--store DB, or store.path in scanner.yaml).", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_webhook_keeps_the_alerts_for_later_and_does_not_fail_the_scan()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        dir.File("secrets/hook-url", $"http://127.0.0.1:{FreePort()}/hooks/SECRET-PATH");
        dir.File("m/cluster.yaml", Cluster("evil.example.org"));

        var result = CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("alerts: 0 sent in 0 message(s); 1 waiting\n  sink hook: http://127.0.0.1:", result.Error.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", result.ToString(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<WebApplication> StartReceiverAsync(int port, ConcurrentQueue<(string, string)> bodies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/hooks/{**rest}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            bodies.Enqueue((context.Request.Headers["Idempotency-Key"].ToString(), await reader.ReadToEndAsync()));
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }
}
