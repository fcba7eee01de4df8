using System.Text.Json;
using ComplianceScanner.TestSupport;
using ComplianceScanner.TestSupport.KubeApi;

namespace ComplianceScanner.Tests.Cli;

/// <summary><c>scan --kubeconfig</c> against an in-process Kubernetes API server, through the real KubernetesClient.</summary>
public sealed class ScanCommandLiveTests
{
    private const string Config = """
        apiVersion: compliancescanner.io/v1
        kind: ScannerConfig
        cluster: {name: live}
        layers:
          namespace:
            teams:
            - {name: web, subjects: [{kind: Group, name: team-web}], namespaces: [web], hosts: [web.example.com], duties: [route-editing]}
        """;

    [Fact]
    public async Task A_kubeconfig_scan_of_a_cluster_that_hides_secrets_writes_an_incomplete_report_naming_the_missing_kind()
    {
        await using var server = await StartClusterAsync();
        server.Forbid("secrets");
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        server.WriteKubeconfig(Path.Combine(dir.Path, "kubeconfig"), contextName: "lab");

        var r = CliRunner.Run(dir.Path, "scan", "--kubeconfig", "kubeconfig", "--context", "lab", "--format", "json", "--fail-on", "critical");

        // Incomplete is said in the report and on the terminal; the exit code still follows --fail-on.
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.False(r.HasStackTrace, r.ToString());
        Assert.Contains("INCOMPLETE", r.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "report.json")));
        var root = json.RootElement;
        Assert.True(root.GetProperty("incomplete").GetBoolean());
        var missing = Assert.Single(root.GetProperty("missing").EnumerateArray());
        Assert.Equal("secrets", missing.GetProperty("kind").GetString());
        Assert.Contains("cannot list resource \"secrets\"", missing.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("list secrets (core) cluster-wide", missing.GetProperty("requiredPermission").GetString());
        Assert.Equal(server.Url.ToString().TrimEnd('/'), Assert.Single(root.GetProperty("scan").GetProperty("sources").EnumerateArray()).GetString());
        Assert.Contains(server.Requests, q => q.Path == "/apis/networking.k8s.io/v1/ingresses");
    }

    [Fact]
    public async Task A_kubeconfig_scan_of_a_readable_cluster_judges_its_objects_and_exits_by_severity()
    {
        await using var server = await StartClusterAsync();
        server.Add(KubeFixtures.Ingress("web", "stray", "evil.example.org", className: "nginx"));
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        server.WriteKubeconfig(Path.Combine(dir.Path, "kubeconfig"));

        var r = CliRunner.Run(dir.Path, "scan", "--kubeconfig", "kubeconfig", "--format", "json", "--fail-on", "high");

        Assert.True(r.ExitCode == 1, r.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "report.json")));
        Assert.False(json.RootElement.GetProperty("incomplete").GetBoolean());
        Assert.Contains(
            json.RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("message").GetString()!.Contains("evil.example.org", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Live_options_that_conflict_or_point_nowhere_are_usage_errors()
    {
        await using var server = await StartClusterAsync();
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        server.WriteKubeconfig(Path.Combine(dir.Path, "kubeconfig"), contextName: "lab");

        var absent = CliRunner.Run(dir.Path, "scan", "--kubeconfig", "nope.yaml");
        var both = CliRunner.Run(dir.Path, "scan", "--kubeconfig", "kubeconfig", "--in-cluster");
        var withFrom = CliRunner.Run(dir.Path, "scan", "--kubeconfig", "kubeconfig", "--from", "x");
        var contextAlone = CliRunner.Run(dir.Path, "scan", "--context", "lab");
        var unknownContext = CliRunner.Run(dir.Path, "scan", "--kubeconfig", "kubeconfig", "--context", "other");

        foreach (var r in new[] { absent, both, withFrom, contextAlone, unknownContext })
        {
            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.False(r.HasStackTrace, r.ToString());
            Assert.StartsWith("error: ", r.Error, StringComparison.Ordinal);
        }

        Assert.Contains("file not found", absent.Error, StringComparison.Ordinal);
        Assert.Contains("other", unknownContext.Error, StringComparison.Ordinal);
    }

    private static async Task<TestApiServer> StartClusterAsync()
    {
        var server = await TestApiServer.StartAsync();
        server.Add(KubeFixtures.Namespace("web"));
        server.Add(KubeFixtures.IngressClass("nginx", isDefault: true));
        server.Add(KubeFixtures.Service("web", "web"));
        server.Add(KubeFixtures.Ingress("web", "web", "web.example.com", className: "nginx", tlsSecret: "web-tls"));
        server.Add(KubeFixtures.Secret("web", "web-tls", "kubernetes.io/tls"));
        server.Add(KubeFixtures.RoleBinding("web", "web-editors", "edit", "team-web"));
        return server;
    }
}
