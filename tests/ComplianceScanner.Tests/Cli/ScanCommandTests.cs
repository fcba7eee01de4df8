using System.Text.Json;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Tests.Cli;

public sealed class ScanCommandTests
{
    private const string MinimalConfig = """
        apiVersion: compliancescanner.io/v1
        kind: ScannerConfig
        cluster: {name: tiny}
        layers:
          namespace:
            teams:
            - {name: web, subjects: [{kind: Group, name: team-web}], namespaces: [web], hosts: [web.example.com], duties: [route-editing]}
        """;

    private const string CleanIngress = """
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
          - host: web.example.com
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
        """;

    private const string BadIngress = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: wild, namespace: web}
        spec:
          ingressClassName: nginx
          rules:
          - host: evil.example.org
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
        """;

    [Fact]
    public void Clean_input_writes_both_reports_and_exits_zero()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", MinimalConfig);
        dir.File("m/cluster.yaml", CleanIngress);
        var r = CliRunner.Run(dir.Path, "scan", "--from", "m", "--fail-on", "low");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("No open findings.", r.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "report.json")));
        Assert.Equal(0, json.RootElement.GetProperty("summary").GetProperty("open").GetInt32());
        Assert.False(json.RootElement.GetProperty("incomplete").GetBoolean());
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(dir.Path, "out", "report.html")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Fail_on_exits_one_only_at_or_above_the_threshold()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", MinimalConfig);
        dir.File("m/cluster.yaml", CleanIngress + "\n---\n" + BadIngress);
        Assert.Equal(1, CliRunner.Run(dir.Path, "scan", "--from", "m", "--fail-on", "high").ExitCode);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", "--from", "m", "--fail-on", "critical").ExitCode);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", "--from", "m").ExitCode);
    }

    [Fact]
    public void Format_json_writes_only_json_to_the_chosen_directory()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", MinimalConfig);
        dir.File("m/cluster.yaml", CleanIngress);
        var r = CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json", "--out", "reports");
        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir.Path, "reports", "report.json")));
        Assert.False(File.Exists(Path.Combine(dir.Path, "reports", "report.html")));
    }

    [Fact]
    public void A_template_that_fails_after_streaming_most_of_the_html_leaves_the_previous_reports_untouched()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", MinimalConfig);
        dir.File("m/cluster.yaml", CleanIngress);
        var first = CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json,html", "--out", "reports");
        Assert.Equal(0, first.ExitCode);
        var html = File.ReadAllBytes(Path.Combine(dir.Path, "reports", "report.html"));
        var json = File.ReadAllBytes(Path.Combine(dir.Path, "reports", "report.json"));

        // The same templates, with an error at the very end of the HTML: the page is streamed to its file, then fails.
        var templates = Path.Combine(dir.Path, "tpl");
        foreach (var file in Directory.GetFiles(RepoPaths.At("templates"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(templates, Path.GetRelativePath(RepoPaths.At("templates"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.AppendAllText(Path.Combine(templates, "report.html.sbn"), "{{ no_such_variable }}\n");
        // A different input, so that a report written by the second scan would differ from the first one's.
        dir.File("m/more.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: extra}\n");
        var failed = CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json,html", "--out", "reports", "--templates", "tpl");

        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("report.html.sbn", failed.Error, StringComparison.Ordinal);
        Assert.False(failed.HasStackTrace, failed.ToString());
        Assert.Equal(html, File.ReadAllBytes(Path.Combine(dir.Path, "reports", "report.html")));
        Assert.Equal(json, File.ReadAllBytes(Path.Combine(dir.Path, "reports", "report.json")));
        Assert.Equal(["report.html", "report.json"], Directory.GetFiles(Path.Combine(dir.Path, "reports")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("--format", "pdf", "--format: unknown format 'pdf'")]
    [InlineData("--fail-on", "severe", "--fail-on: 'severe' is not a severity")]
    [InlineData("--templates", "nope", "--templates: directory not found")]
    [InlineData("--bogus", "x", "Unrecognized command or argument '--bogus'")]
    public void Usage_errors_exit_two_with_a_one_line_message(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", MinimalConfig);
        dir.File("m/cluster.yaml", CleanIngress);
        var r = CliRunner.Run(dir.Path, "scan", option, value, "--from", "m");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace, r.ToString());
    }

    [Fact]
    public void Malformed_manifest_still_writes_incomplete_reports_and_exits_two()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", MinimalConfig);
        dir.File("m/a-good.yaml", CleanIngress);
        dir.File("m/b-broken.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: ok, namespace: web}\n---\nkind: [unclosed\n");
        var r = CliRunner.Run(dir.Path, "scan", "--from", "m");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("b-broken.yaml", r.Error, StringComparison.Ordinal);
        Assert.Contains("document 1", r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace, r.ToString());
        Assert.Contains("INCOMPLETE", r.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "report.json")));
        Assert.True(json.RootElement.GetProperty("incomplete").GetBoolean());
        Assert.Contains("INCOMPLETE", File.ReadAllText(Path.Combine(dir.Path, "out", "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_input_path_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", MinimalConfig);
        var r = CliRunner.Run(dir.Path, "scan", "--from", "does-not-exist");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("does-not-exist", r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace, r.ToString());
    }

    [Fact]
    public void Config_without_source_and_without_from_says_what_to_do()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", MinimalConfig);
        var r = CliRunner.Run(dir.Path, "scan");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nothing to scan: pass --from PATH, or set source.path", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_strings_cannot_inject_terminal_escapes()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", MinimalConfig);
        dir.File("m/cluster.yaml", CleanIngress + "\n---\n" + BadIngress.Replace("name: wild", "name: \"wild\\e[2J\\e]0;pwned\\a\"", StringComparison.Ordinal));
        var r = CliRunner.Run(dir.Path, "scan", "--from", "m");
        Assert.DoesNotContain('\u001b', r.Out + r.Error);
        Assert.DoesNotContain('\u0007', r.Out + r.Error);
    }

    [Fact]
    public void Help_and_version_work_for_every_command()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(dir.Path, "--version").ExitCode);
        foreach (var cmd in new[] { new[] { "--help" }, ["scan", "--help"], ["config", "validate", "--help"] })
        {
            var r = CliRunner.Run(dir.Path, cmd);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("Usage:", r.Out, StringComparison.Ordinal);
        }
    }
}
