using System.Net;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.History;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Agent.Tests.Agent;

/// <summary>The agent against the in-process API server: first scan and readiness, watch-driven rescans, incomplete scans, shutdown.</summary>
[Collection(AgentCollection.Name)]
public sealed class AgentScanTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Readyz_is_503_until_the_first_scan_finished_then_200_while_healthz_is_200_throughout()
    {
        await using var server = await AgentCluster.StartAsync();

        // The API server holds the first read back (429, Retry-After 3 s): the agent is alive but has not scanned.
        server.Throttle("ingresses", 1, retryAfterSeconds: 3);
        using var dir = new TempDirectory();
        await using var agent = await TestAgent.StartAsync(server, dir, AgentCluster.Watching);

        var before = await agent.GetAsync("/readyz");
        var health = await agent.GetAsync("/healthz");
        var first = await agent.Scans.NextAsync(Bound, "first scan");
        var after = await agent.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.Status);
        Assert.Contains("first scan has not finished", before.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal(ScanTrigger.Startup, first.Trigger);
        Assert.True(first.Complete);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task A_RoleBinding_change_triggers_exactly_one_debounced_incremental_rescan_whose_findings_reflect_it()
    {
        await using var server = await AgentCluster.StartAsync();
        using var dir = new TempDirectory();
        await using var agent = await TestAgent.StartAsync(server, dir, AgentCluster.Watching);
        var first = await agent.Scans.NextAsync(Bound, "first scan");
        await server.WaitForWatchesAsync("rolebindings", 1, Bound);

        AgentCluster.GrantOutsider(server, "mallory", "intruder");
        var rescan = await agent.Scans.NextAsync(Bound, "rescan after the RoleBinding change");
        var another = await agent.Scans.AnotherWithinAsync(TimeSpan.FromSeconds(2));

        Assert.DoesNotContain(first.Evaluation.Findings, f => f.Subject?.Name == "mallory");
        Assert.Equal(ScanTrigger.Watch, rescan.Trigger);
        Assert.Equal(1, rescan.Changes);
        Assert.True(rescan.Incremental, "one changed binding is re-evaluated incrementally");
        Assert.Contains(rescan.Evaluation.Findings, f => f.Subject?.Name == "mallory");
        Assert.Contains(rescan.Snapshot.RoleBindings, b => b.Metadata.Name == "intruder");
        Assert.False(another, "one change is one rescan");

        // The incremental result is exactly what a full evaluation of the same snapshot finds.
        var full = new Evaluator(RuleCatalogue.All).Evaluate(new EvaluationContext(rescan.Snapshot, agent.Options.Config, DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime)));
        Assert.Equal(full.Findings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal), rescan.Evaluation.Findings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_burst_of_1000_binding_changes_is_one_rescan_that_sees_all_of_them()
    {
        await using var server = await AgentCluster.StartAsync();
        using var dir = new TempDirectory();
        await using var agent = await TestAgent.StartAsync(server, dir, AgentCluster.Layers + "agent: {quietPeriod: 2s, maxDelay: 30s}\nschedule: {scan: ~}\n");
        await agent.Scans.NextAsync(Bound, "first scan");
        await server.WaitForWatchesAsync("rolebindings", 1, Bound);

        for (var i = 0; i < 1000; i++)
        {
            AgentCluster.GrantOutsider(server, $"user-{i:D4}", $"burst-{i:D4}");
        }

        var rescan = await agent.Scans.NextAsync(Bound, "rescan after the burst");
        var another = await agent.Scans.AnotherWithinAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(1000, rescan.Changes);
        Assert.False(rescan.Incremental, "past 100 changed bindings a full evaluation is cheaper");
        Assert.Equal(1000, rescan.Evaluation.Findings.Where(f => f.Subject?.Name.StartsWith("user-", StringComparison.Ordinal) == true).Select(f => f.Subject!.Name).Distinct().Count());
        Assert.False(another, "a burst is one rescan");
        Assert.Equal(2, agent.State.ScanCount);
    }

    [Fact]
    public async Task A_403_on_secrets_gives_an_incomplete_scan_that_the_report_and_the_metrics_show()
    {
        await using var server = await AgentCluster.StartAsync();
        server.Forbid("secrets");
        using var dir = new TempDirectory();
        await using var agent = await TestAgent.StartAsync(server, dir, AgentCluster.Watching);

        var scan = await agent.Scans.NextAsync(Bound, "first scan");
        var ready = await agent.GetAsync("/readyz");
        var metrics = await agent.GetAsync("/metrics");

        Assert.False(scan.Complete);
        Assert.True(scan.Report.Incomplete);
        Assert.Equal("secrets", Assert.Single(scan.Report.Missing).Kind);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal(HttpStatusCode.OK, metrics.Status);
        var incomplete = metrics.Body.Split('\n').Where(l => l.StartsWith("compliance_scanner_scans_incomplete_total{", StringComparison.Ordinal)).ToList();
        Assert.True(incomplete.Count == 1, metrics.Body);
        Assert.EndsWith(" 1", incomplete[0].Split(" # ")[0].TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("trigger=\"startup\"", incomplete[0], StringComparison.Ordinal);
        Assert.Contains(metrics.Body.Split('\n'), l => l.StartsWith("compliance_scanner_scans_total{", StringComparison.Ordinal) && l.Contains("complete=\"false\"", StringComparison.Ordinal));
        Assert.Contains(metrics.Body.Split('\n'), l => l.StartsWith("compliance_scanner_objects{", StringComparison.Ordinal) && l.Contains("kind=\"Ingress\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_scan_is_recorded_in_the_store_and_reports_are_written_to_the_output_directory()
    {
        await using var server = await AgentCluster.StartAsync();
        using var dir = new TempDirectory();
        var storePath = Path.Combine(dir.Path, "data", "scanner.db");
        var config = AgentCluster.Layers + "agent: {quietPeriod: 500ms, maxDelay: 20s, output: {directory: reports, formats: [json, markdown]}}\nschedule: {scan: ~}\n";
        await using var agent = await TestAgent.StartAsync(server, dir, config, storePath: storePath);
        await agent.Scans.NextAsync(Bound, "first scan");
        await server.WaitForWatchesAsync("rolebindings", 1, Bound);
        AgentCluster.GrantOutsider(server, "mallory", "intruder");
        var rescan = await agent.Scans.NextAsync(Bound, "rescan");
        await agent.StopAsync();

        using var store = ScanStore.OpenExisting(storePath);
        var scans = store.Scans("live");
        Assert.Equal(2, scans.Length);
        Assert.All(scans, s => Assert.True(s.Complete));
        Assert.NotNull(rescan.Recorded);
        Assert.Contains(rescan.Recorded.Drift.Findings.New, f => f.Subject?.Name == "mallory");
        Assert.Equal([Path.Combine(dir.Path, "reports", "report.json"), Path.Combine(dir.Path, "reports", "report.md")], rescan.WrittenFiles.Order(StringComparer.Ordinal));
        Assert.Contains("mallory", File.ReadAllText(Path.Combine(dir.Path, "reports", "report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_during_the_first_read_abandons_the_scan_without_recording_anything()
    {
        await using var server = await AgentCluster.StartAsync();
        server.Throttle("ingresses", 1, retryAfterSeconds: 20);
        using var dir = new TempDirectory();
        var storePath = Path.Combine(dir.Path, "scanner.db");
        ScanStore.Open(storePath).Dispose();
        await using var agent = await TestAgent.StartAsync(server, dir, AgentCluster.Watching, storePath: storePath);
        await server.WaitForRequestAsync(r => r.Path == "/apis/networking.k8s.io/v1/ingresses" && r.Status == 429, Bound);

        await agent.StopAsync();

        Assert.Equal(0, agent.State.ScanCount);
        Assert.False(await agent.Scans.AnotherWithinAsync(TimeSpan.Zero));
        using var store = ScanStore.OpenExisting(storePath);
        Assert.Empty(store.Scans());
    }
}
