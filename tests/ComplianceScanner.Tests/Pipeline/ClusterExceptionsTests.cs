using System.Text.Json;
using ComplianceScanner.TestSupport;
using ComplianceScanner.Tests.Cli;

namespace ComplianceScanner.Tests.Pipeline;

/// <summary>Exceptions the security layer keeps in the cluster, in its ConfigMap, next to those of scanner.yaml.</summary>
public sealed class ClusterExceptionsTests
{
    private const string Config = """
        apiVersion: compliancescanner.io/v1
        kind: ScannerConfig
        layers:
          security:
            subjects: [{kind: Group, name: security-team}]
            duties: [audit-read]
            namespaces: [security]
          namespace:
            teams:
            - {name: web, subjects: [{kind: Group, name: team-web}], namespaces: [web], hosts: [web.example.com], duties: [route-editing]}
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
        metadata: {name: promo, namespace: web}
        spec:
          rules:
          - host: "*.web.example.com"
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
        """;

    private static string ExceptionsConfigMap(string ns, string entries) => $$"""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: compliancescanner-exceptions, namespace: {{ns}}}
        data:
          exceptions.yaml: |
        {{string.Join("\n", entries.Split('\n').Select(l => "    " + l))}}
        """;

    [Fact]
    public void An_exception_in_the_security_layers_configmap_excepts_the_finding()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        dir.File("m/cluster.yaml", Cluster + "\n---\n" + ExceptionsConfigMap("security", "- {rule: SOD-ING-003, object: web/promo, reason: campaign, approvedBy: ciso, expires: 2027-01-31}"));
        var r = CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json");
        Assert.True(r.ExitCode == 0, r.ToString());
        var finding = Findings(dir).Single(f => f.GetProperty("ruleId").GetString() == "SOD-ING-003");
        Assert.Equal("excepted", finding.GetProperty("state").GetString());
        Assert.Equal("ciso", finding.GetProperty("exception").GetProperty("approvedBy").GetString());
    }

    [Fact]
    public void The_same_configmap_outside_the_security_layer_is_ignored()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        dir.File("m/cluster.yaml", Cluster + "\n---\n" + ExceptionsConfigMap("web", "- {rule: SOD-ING-003, object: web/promo, reason: mine, approvedBy: me, expires: 2027-01-31}"));
        var r = CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("open", Findings(dir).Single(f => f.GetProperty("ruleId").GetString() == "SOD-ING-003").GetProperty("state").GetString());
    }

    [Fact]
    public void A_bad_entry_is_an_input_error_naming_the_configmap_and_line_and_is_not_applied()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        dir.File("m/cluster.yaml", Cluster + "\n---\n" + ExceptionsConfigMap("security", "- {rule: SOD-ING-003, object: web/promo, reason: r, approvedBy: me, expires: 2027-01-31}\n- {rule: SOD-ING-003, object: web/promo, approvedBy: me, expires: someday}"));
        var r = CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ConfigMap security/compliancescanner-exceptions (exceptions.yaml):2:", r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace, r.ToString());

        // The valid entry still applies; the report was written.
        Assert.Equal("excepted", Findings(dir).Single(f => f.GetProperty("ruleId").GetString() == "SOD-ING-003").GetProperty("state").GetString());
    }

    private static List<JsonElement> Findings(TempDirectory dir)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "report.json")));
        return [.. json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone())];
    }
}
