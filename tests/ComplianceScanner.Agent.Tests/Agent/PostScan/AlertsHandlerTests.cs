using System.Text.Json.Nodes;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Agent.Tests.Agent.PostScan;

/// <summary>The agent's alerts: each recorded scan's finding transitions go through the store's outbox to the sinks.</summary>
[Collection(AgentCollection.Name)]
public sealed class AlertsHandlerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_first_scan_delivers_its_new_findings_to_a_webhook_once_and_a_rescan_sends_only_what_is_new()
    {
        await using var server = await AgentCluster.StartAsync();
        AgentCluster.GrantOutsider(server, "mallory", "intruder");
        await using var receiver = await WebhookReceiver.StartAsync();
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "hook-url"), receiver.Url + "\n");
        var config = AgentCluster.Watching + "alerts:\n  sinks:\n  - {name: siem, type: webhook, urlFile: hook-url}\n";
        await using var agent = await TestAgent.StartAsync(server, dir, config, storePath: Path.Combine(dir.Path, "scanner.db"));

        // The recording handler runs after the alerts handler: when it sees the scan, delivery has been tried.
        var first = await agent.Scans.NextAsync(Bound, "first scan");
        var afterFirst = receiver.Messages;
        await server.WaitForWatchesAsync("rolebindings", 1, Bound);
        AgentCluster.GrantOutsider(server, "eve", "second-intruder");
        var rescan = await agent.Scans.NextAsync(Bound, "rescan after the second RoleBinding");
        var afterRescan = receiver.Messages;

        Assert.NotNull(first.Recorded);
        var message = Assert.Single(afterFirst);
        Assert.False(string.IsNullOrEmpty(message.Key), "a message without Idempotency-Key");
        var body = JsonNode.Parse(message.Body)!.AsObject();
        Assert.Equal("siem", (string?)body["sink"]);
        Assert.Equal(first.Recorded.Scan.Id, (long)body["scanId"]!);
        var alerts = body["alerts"]!.AsArray();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Equal("new", (string?)a!["transition"]));
        Assert.Equal(
            first.Evaluation.Findings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal),
            alerts.Select(a => (string)a!["fingerprint"]!).Order(StringComparer.Ordinal));
        Assert.Contains(alerts, a => ((string?)a!["subject"])?.Contains("mallory", StringComparison.Ordinal) == true);

        // The second scan's message carries eve's new findings only: mallory's are still open, which a webhook is not sent again.
        Assert.Equal(2, afterRescan.Count);
        var second = JsonNode.Parse(afterRescan[1].Body)!["alerts"]!.AsArray();
        Assert.NotEmpty(second);
        Assert.All(second, a => Assert.Contains("eve", (string?)a!["subject"], StringComparison.Ordinal));
        Assert.NotEqual(afterRescan[0].Key, afterRescan[1].Key);
        Assert.Equal(rescan.Recorded!.Scan.Id, (long)JsonNode.Parse(afterRescan[1].Body)!["scanId"]!);
    }
}
