using System.Net;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Agent.Tests.Agent;

/// <summary>Two agents against one API server, competing for one Lease (served by the test API server).</summary>
[Collection(AgentCollection.Name)]
public sealed class AgentLeaderElectionTests
{
    private const string Config = AgentCluster.Layers + """
        agent:
          quietPeriod: 500ms
          leaderElection: {enabled: true, leaseName: compliance-scanner, leaseDuration: 3s, renewDeadline: 2s, retryPeriod: 500ms}
        schedule: {scan: ~}

        """;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Exactly_one_of_two_agents_scans_and_stopping_it_hands_over_within_the_lease_duration()
    {
        await using var server = await AgentCluster.StartAsync();
        using var dir = new TempDirectory();
        await using var a = await TestAgent.StartAsync(server, dir, Config, identity: "agent-a");
        await using var b = await TestAgent.StartAsync(server, dir, Config, identity: "agent-b");

        // Whoever won the Lease scans; the other one sees it lead and stands by.
        await Wait.UntilAsync(() => a.State.ScanCount + b.State.ScanCount >= 1, Bound, "a first scan by the leader");
        var (leader, standby) = a.State.ScanCount > 0 ? (a, b) : (b, a);
        await Wait.UntilAsync(() => standby.State.Leader == leader.Options.Identity, Bound, "the standby observing the leader");
        Assert.Equal(leader.Options.Identity, Holder(server));
        Assert.True(leader.State.IsLeader);
        Assert.False(standby.State.IsLeader);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/readyz")).Status);
        Assert.Equal(HttpStatusCode.OK, (await standby.GetAsync("/readyz")).Status);

        // A change is scanned by the leader only, and the standby keeps not scanning over several renewals.
        AgentCluster.GrantOutsider(server, "mallory", "intruder");
        var rescan = await leader.Scans.NextAsync(Bound, "first scan");
        rescan = rescan.Trigger == ScanTrigger.Startup ? await leader.Scans.NextAsync(Bound, "rescan by the leader") : rescan;
        Assert.Contains(rescan.Evaluation.Findings, f => f.Subject?.Name == "mallory");
        Assert.False(await standby.Scans.AnotherWithinAsync(TimeSpan.FromSeconds(3)), "the standby must not scan while the leader renews");
        Assert.Equal(0, standby.State.ScanCount);
        Assert.Equal(leader.Options.Identity, Holder(server));

        // Stopping the leader: the standby takes the Lease once it expires and scans the cluster as it is.
        await leader.StopAsync();
        var takeover = await standby.Scans.NextAsync(Bound, "the standby's first scan after taking over");

        Assert.Equal(standby.Options.Identity, Holder(server));
        Assert.True(standby.State.IsLeader);
        Assert.Equal(ScanTrigger.Startup, takeover.Trigger);
        Assert.Contains(takeover.Evaluation.Findings, f => f.Subject?.Name == "mallory");
    }

    [Fact]
    public async Task A_leader_that_can_no_longer_renew_its_Lease_stops_scanning()
    {
        await using var server = await AgentCluster.StartAsync();
        using var dir = new TempDirectory();
        await using var agent = await TestAgent.StartAsync(server, dir, Config, identity: "agent-a");
        await agent.Scans.NextAsync(Bound, "first scan as leader");
        Assert.True(agent.State.IsLeader);

        // Renewals are refused: past the renew deadline the agent must stop leading, and with it stop scanning.
        server.Forbid("leases", "update");
        await Wait.UntilAsync(() => !agent.State.IsLeader, Bound, "the agent giving up leadership");
        AgentCluster.GrantOutsider(server, "mallory", "intruder");

        Assert.False(await agent.Scans.AnotherWithinAsync(TimeSpan.FromSeconds(2)), "a replica that does not hold the Lease must not scan");
        Assert.Equal(1, agent.State.ScanCount);
        Assert.Equal(0, server.WatchCount("rolebindings"));
        var metrics = await agent.GetAsync("/metrics");
        Assert.Contains(metrics.Body.Split('\n'), l => l.StartsWith("compliance_scanner_leader{", StringComparison.Ordinal) && l.EndsWith(" 0", StringComparison.Ordinal));
    }

    private static string? Holder(TestSupport.KubeApi.TestApiServer server) =>
        server.Get("leases", "default", "compliance-scanner")?["spec"]?["holderIdentity"]?.GetValue<string>();
}
