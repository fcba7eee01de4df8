using System.Text.Json;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Tests.Cli;

/// <summary><c>scan --store</c>, <c>history</c> and <c>diff</c> end to end, with a clock that moves a day between scans.</summary>
public sealed class HistoryCommandTests
{
    private const string Config = """
        apiVersion: compliancescanner.io/v1
        kind: ScannerConfig
        cluster: {name: tiny}
        layers:
          namespace:
            teams:
            - {name: web, subjects: [{kind: Group, name: team-web}], namespaces: [web], hosts: [web.example.com], duties: [route-editing]}
        store: {path: state/history.db, retention: {scans: 10, days: 30}}
        """;

    private static string Cluster(string host, string manager) => $$$"""
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
        metadata:
          name: web
          namespace: web
          managedFields:
          - {manager: {{{manager}}}, operation: Update, time: "2026-11-26T08:00:00Z"}
        spec:
          rules:
          - host: {{{host}}}
            http:
              paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: web, port: {number: 80} } }
        """;

    [Fact]
    public void Scans_recorded_through_the_config_store_are_listed_and_diffed()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        var clock = new FixedTimeProvider();
        dir.File("m/cluster.yaml", Cluster("evil.example.org", "helm"));
        var first = CliRunner.Run(dir.Path, clock, "scan", "--from", "m", "--format", "json");
        clock.Advance(TimeSpan.FromDays(1));
        dir.File("m/cluster.yaml", Cluster("web.example.com", "kubectl-edit"));
        var second = CliRunner.Run(dir.Path, clock, "scan", "--from", "m", "--format", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Recorded as scan 1 in state/history.db: the first scan of cluster tiny", first.Out, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Since scan 1 (2026-11-26 09:30:00 UTC): 0 new, 1 resolved, 0 reopened, 1 object change(s), 0 duty change(s), 0 permission change(s). Recorded as scan 2 in state/history.db.", second.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "state", "history.db")));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "report.json")));
        var drift = json.RootElement.GetProperty("drift");
        Assert.Equal(2, drift.GetProperty("scanId").GetInt32());
        Assert.Equal(1, drift.GetProperty("previous").GetProperty("scanId").GetInt32());
        Assert.Equal("SOD-ING-001", drift.GetProperty("resolved")[0].GetProperty("ruleId").GetString());
        Assert.Equal("kubectl-edit", drift.GetProperty("objectChanges")[0].GetProperty("managers")[0].GetProperty("manager").GetString());

        var history = CliRunner.Run(dir.Path, "history");

        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Equal(
            """
            ID  FINISHED (UTC)       CLUSTER  COMPLETE  OPEN  CRITICAL  HIGH  MEDIUM  LOW  INFO  EXCEPTED
             1  2026-11-26 09:30:00  tiny     yes          1         0     1       0    0     0         0
             2  2026-11-27 09:30:00  tiny     yes          0         0     0       0    0     0         0

            """.ReplaceLineEndings("\n"),
            history.Out);

        var diff = CliRunner.Run(dir.Path, "diff", "--store", "state/history.db");

        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Contains("Scan 2 (2026-11-27 09:30:00 UTC) compared with scan 1 (2026-11-26 09:30:00 UTC), cluster tiny", diff.Out, StringComparison.Ordinal);
        Assert.Contains("Resolved findings (1):\n  high     SOD-ING-001  Ingress/web/web  Ingress web/web publishes host evil.example.org", diff.Out, StringComparison.Ordinal);
        Assert.Contains("New findings (0):\n  none", diff.Out, StringComparison.Ordinal);
        Assert.Contains("  modified Ingress/web/web by kubectl-edit (Update, 2026-11-26 08:00:00)\n    spec.rules[0].host: evil.example.org → web.example.com\n", diff.Out, StringComparison.Ordinal);
        Assert.Contains("Permission changes (0):\n  Duties gained or lost (0):\n    none\n  Permissions (0):\n    none\n", diff.Out, StringComparison.Ordinal);

        var explicitIds = CliRunner.Run(dir.Path, "diff", "1", "2");
        Assert.Equal(diff.Out, explicitIds.Out);
    }

    private const string IngressEditor = """

        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: ingress-editor}
        rules:
        - {apiGroups: [networking.k8s.io], resources: [ingresses], verbs: [get, create, update]}
        """;

    private static string Binding(string name, string ns, string subject) => $$$"""

        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: {{{name}}}, namespace: {{{ns}}}}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ingress-editor}
        subjects: [{{{subject}}}]
        """;

    [Fact]
    public void Diff_shows_duties_gained_and_lost_per_subject_and_namespace_before_the_raw_permissions()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        var clock = new FixedTimeProvider();
        var cluster = Cluster("web.example.com", "helm") + IngressEditor;
        dir.File("m/cluster.yaml", cluster + Binding("web-editors", "web", "{kind: Group, name: team-web}"));
        Assert.Equal(0, CliRunner.Run(dir.Path, clock, "scan", "--from", "m", "--format", "json").ExitCode);
        clock.Advance(TimeSpan.FromDays(1));
        dir.File("m/cluster.yaml", cluster + Binding("ci-editors", "web", "{kind: ServiceAccount, name: ci, namespace: build}"));
        var second = CliRunner.Run(dir.Path, clock, "scan", "--from", "m", "--format", "json");
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, CliRunner.Run(dir.Path, clock, "scan", "--from", "m", "--format", "json").ExitCode);

        var diff = CliRunner.Run(dir.Path, "diff", "1", "2");
        var unchanged = CliRunner.Run(dir.Path, "diff", "2", "3");

        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Contains(
            """
              Duties gained or lost (2):
                Group:team-web
                  lost route-editing in web: allowed (team web)
                ServiceAccount:build/ci
                  gained route-editing in web: NOT allowed (undeclared)
              Permissions (6):
                - Group:team-web web: create ingresses (networking.k8s.io)
            """.ReplaceLineEndings("\n"),
            diff.Out,
            StringComparison.Ordinal);
        Assert.Contains("  Duties gained or lost (0):\n    none\n", unchanged.Out, StringComparison.Ordinal);
        Assert.Contains("2 duty change(s), 6 permission change(s)", second.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "report.json")));
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("drift").GetProperty("dutyChanges").ValueKind);
        Assert.Equal(0, json.RootElement.GetProperty("drift").GetProperty("dutyChanges").GetArrayLength());
    }

    [Fact]
    public void Diff_without_a_config_says_duties_are_not_judged()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config);
        dir.File("m/cluster.yaml", Cluster("web.example.com", "helm") + IngressEditor);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json").ExitCode);
        dir.File("m/cluster.yaml", Cluster("web.example.com", "helm") + IngressEditor + Binding("ci-editors", "web", "{kind: ServiceAccount, name: ci, namespace: build}"));
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json").ExitCode);
        File.Delete(Path.Combine(dir.Path, "scanner.yaml"));

        var diff = CliRunner.Run(dir.Path, "diff", "--store", "state/history.db");

        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Contains("  Duties gained or lost: not judged (no scanner.yaml here; pass --config FILE to judge them).\n  Permissions (3):\n", diff.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_option_records_without_a_store_section_and_history_limits_rows()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config.Replace("store: {path: state/history.db, retention: {scans: 10, days: 30}}", string.Empty, StringComparison.Ordinal));
        dir.File("m/cluster.yaml", Cluster("web.example.com", "helm"));
        for (var i = 0; i < 3; i++)
        {
            var scan = CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json", "--store", "ci.db");
            Assert.True(scan.ExitCode == 0, scan.ToString());
        }

        var history = CliRunner.Run(dir.Path, "history", "--store", "ci.db", "--limit", "1");

        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Equal(2, history.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith(" 3  ", history.Out.Split('\n')[1], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "data")));
    }

    [Fact]
    public void Scan_without_store_has_null_drift()
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config.Replace("store: {path: state/history.db, retention: {scans: 10, days: 30}}", string.Empty, StringComparison.Ordinal));
        dir.File("m/cluster.yaml", Cluster("web.example.com", "helm"));

        var scan = CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "report.json")));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("drift").ValueKind);
        Assert.DoesNotContain("Recorded as scan", scan.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("history --store missing.db", "error: history store not found: ")]
    [InlineData("diff --store missing.db", "error: history store not found: ")]
    [InlineData("history --store notadb.db", " is not a SQLite database (or its header is damaged).")]
    [InlineData("scan --store notadb.db --from m", " is not a SQLite database (or its header is damaged).")]
    [InlineData("diff --store one.db 1 7", "error: no scan 7 in history store ")]
    [InlineData("diff --store one.db", "has only one scan of cluster tiny (scan 1); nothing to compare yet.")]
    [InlineData("diff --store one.db 1", "error: diff: give two scan ids (earlier, later), or none to compare the last two scans.")]
    [InlineData("diff --store one.db 1 x", "error: diff: 'x' is not a scan id;")]
    [InlineData("history", "error: no history store: pass --store DB, or set store.path in scanner.yaml.")]
    public void Store_problems_exit_2_with_one_clear_line_and_no_stack_trace(string command, string expected)
    {
        using var dir = new TempDirectory();
        dir.File("scanner.yaml", Config.Replace("store: {path: state/history.db, retention: {scans: 10, days: 30}}", string.Empty, StringComparison.Ordinal));
        dir.File("m/cluster.yaml", Cluster("web.example.com", "helm"));
        dir.File("notadb.db", new string('x', 2048));
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", "--from", "m", "--format", "json", "--store", "one.db").ExitCode);

        var r = CliRunner.Run(dir.Path, command.Split(' '));

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.False(r.HasStackTrace, r.ToString());
        Assert.Equal(new string('x', 2048), File.ReadAllText(Path.Combine(dir.Path, "notadb.db")));
    }
}
