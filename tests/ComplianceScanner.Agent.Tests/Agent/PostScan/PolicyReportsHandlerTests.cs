using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Agent.Tests.Agent.PostScan;

/// <summary><c>agent.publishPolicyReports</c>: each scan's PolicyReports applied to the cluster.</summary>
[Collection(AgentCollection.Name)]
public sealed class PolicyReportsHandlerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_publishPolicyReports_each_scan_applies_its_PolicyReports_to_the_cluster()
    {
        await using var server = await AgentCluster.StartAsync(AgentCluster.WithPolicyReports);
        AgentCluster.GrantOutsider(server, "mallory", "intruder");
        using var dir = new TempDirectory();
        var config = AgentCluster.Layers + "agent: {quietPeriod: 500ms, publishPolicyReports: true}\nschedule: {scan: ~}\n";
        await using var agent = await TestAgent.StartAsync(server, dir, config);

        await agent.Scans.NextAsync(Bound, "first scan");
        var report = server.Get("policyreports", "web", "compliance-scanner");
        await server.WaitForWatchesAsync("rolebindings", 1, Bound);
        server.Delete("rolebindings", "web", "intruder");
        await agent.Scans.NextAsync(Bound, "rescan after the RoleBinding is gone");
        var after = server.Get("policyreports", "web", "compliance-scanner");

        Assert.NotNull(report);
        Assert.Equal("PolicyReport", (string?)report["kind"]);
        Assert.True((int)report["summary"]!["fail"]! >= 1, report.ToJsonString());
        Assert.Contains("mallory", report.ToJsonString(), StringComparison.Ordinal);
        // Either replaced without mallory's results or pruned because namespace web has none left.
        Assert.DoesNotContain("mallory", after?.ToJsonString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_publishPolicyReports_nothing_is_written_to_the_cluster()
    {
        await using var server = await AgentCluster.StartAsync(AgentCluster.WithPolicyReports);
        AgentCluster.GrantOutsider(server, "mallory", "intruder");
        using var dir = new TempDirectory();
        await using var agent = await TestAgent.StartAsync(server, dir, AgentCluster.Watching);

        await agent.Scans.NextAsync(Bound, "first scan");

        Assert.Null(server.Get("policyreports", "web", "compliance-scanner"));
        Assert.DoesNotContain(server.Requests, r => r.Path.Contains("wgpolicyk8s.io", StringComparison.Ordinal));
    }
}
