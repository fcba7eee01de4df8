using ComplianceScanner.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceScanner.Agent.Tests.Agent;

/// <summary>The <c>schedule:</c> cron schedules, run by Quartz on the leader.</summary>
[Collection(AgentCollection.Name)]
public sealed class AgentScheduleTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_scan_schedule_runs_full_scans_that_list_every_kind_again_and_reports_run_their_handlers()
    {
        await using var server = await AgentCluster.StartAsync();
        using var dir = new TempDirectory();
        var reports = new SignalingWorkHandler(ScheduledWork.Reports);
        var config = AgentCluster.Layers + "agent: {quietPeriod: 500ms}\nschedule: {scan: \"0/2 * * * * ?\", reports: \"0/1 * * * * ?\"}\n";
        await using var agent = await TestAgent.StartAsync(server, dir, config, configure: s => s.AddSingleton<IScheduledWorkHandler>(reports));
        var first = await agent.Scans.NextAsync(Bound, "startup scan");
        var secretLists = server.Requests.Count(r => r.Path == "/api/v1/secrets");

        var scheduled = await agent.Scans.NextAsync(Bound, "a scheduled scan");
        var latest = await reports.Ran.Task.WaitAsync(Bound);

        Assert.Equal(ScanTrigger.Startup, first.Trigger);
        Assert.Equal(ScanTrigger.Schedule, scheduled.Trigger);
        Assert.False(scheduled.Incremental);

        // Secrets are not watched: only a full scan lists them again.
        Assert.True(server.Requests.Count(r => r.Path == "/api/v1/secrets") > secretLists);
        Assert.True(latest.Sequence >= 1);
    }

    private sealed class SignalingWorkHandler(ScheduledWork work) : IScheduledWorkHandler
    {
        public TaskCompletionSource<AgentScanResult> Ran { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ScheduledWork Work { get; } = work;

        public Task RunAsync(AgentScanResult latest, CancellationToken cancellationToken)
        {
            Ran.TrySetResult(latest);
            return Task.CompletedTask;
        }
    }
}
