using System.Text.Json;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Rendering;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Alerting.Tests;

/// <summary>
/// Golden files of every bundled alert template, rendered from alerts whose text carries JSON, Slack and Markdown
/// metacharacters: the output must be valid JSON, carry the text literally (no injected links or mentions), and never
/// contain the sink's URL or token.
/// </summary>
public sealed class AlertPayloadsTests
{
    private const string Secret = "https://hooks.example.com/services/T000/B000/XXXXSECRET";

    private static readonly TemplateSet Templates = TemplateSet.FromDirectory(RepoPaths.At("templates"));

    private static readonly AlertData Firing = new()
    {
        Transition = AlertTransitions.New,
        Status = AlertTransitions.Firing,
        Fingerprint = "3f2a9c0d11e4b7a8",
        RuleId = "SOD-ING-001",
        Title = "Host outside the team's hosts",
        Severity = "high",
        Layer = "namespace",
        Namespace = "shop",
        Team = "shop",
        Object = "Ingress shop/promo",
        Subject = string.Empty,
        Message = "host \"promo.evil.example.org\" <!channel> [click](javascript:alert(1)) *bold* _it_ \\ back\nline2\u2028",
        Remediation = "Use a host under *.shop.example.com & ask the platform team.",
        DocUrl = "docs/rules/SOD-ING-001.md",
        Cluster = "prod-eu",
        ScanId = 42,
        ScanFinishedAt = "2026-11-26T09:30:02Z",
        StartsAt = "2026-11-20T08:00:02Z",
        EndsAt = "2026-11-27T09:30:02Z",
    };

    private static readonly AlertData Resolved = Firing with
    {
        Transition = AlertTransitions.Resolved,
        Status = AlertTransitions.ResolvedStatus,
        Fingerprint = "77aa00bb11cc22dd",
        RuleId = "SOD-RBAC-001",
        Title = "Subject holds a duty outside its layer",
        Severity = "critical",
        Layer = "cluster",
        Namespace = string.Empty,
        Team = string.Empty,
        Object = string.Empty,
        Subject = "ServiceAccount:ci/deployer",
        Message = "ServiceAccount ci/deployer can edit ClusterRoles",
        EndsAt = "2026-11-26T09:30:02Z",
    };

    [Theory]
    [InlineData(AlertSinkType.Alertmanager)]
    [InlineData(AlertSinkType.Slack)]
    [InlineData(AlertSinkType.Teams)]
    [InlineData(AlertSinkType.Webhook)]
    public void Bundled_template_renders_valid_json_matching_its_golden_file_without_secrets(AlertSinkType type)
    {
        var sink = new AlertSinkSettings { Name = "security", Type = type, UrlFile = "/run/secrets/url" };

        var json = AlertPayloads.Render(Templates, sink, [Firing, Resolved]);

        using var doc = JsonDocument.Parse(json);
        Assert.DoesNotContain(Secret, json, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", json, StringComparison.Ordinal);
        Golden.AssertMatches(json, $"tests/ComplianceScanner.Alerting.Tests/Golden/{type.ToString().ToLowerInvariant()}.json");
    }

    [Fact]
    public void Alertmanager_payload_has_the_labels_and_times_alertmanager_needs()
    {
        var sink = new AlertSinkSettings { Name = "am", Type = AlertSinkType.Alertmanager, Url = "http://127.0.0.1:9093" };

        using var doc = JsonDocument.Parse(AlertPayloads.Render(Templates, sink, [Firing, Resolved]));

        var alerts = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, alerts.Count);
        var labels = alerts[0].GetProperty("labels");
        Assert.Equal(
            ["alertname", "cluster", "fingerprint", "layer", "namespace", "rule", "severity"],
            labels.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("SOD-ING-001", labels.GetProperty("rule").GetString());
        Assert.Equal(Firing.Message, alerts[0].GetProperty("annotations").GetProperty("description").GetString());
        Assert.Equal("2026-11-26T09:30:02Z", alerts[1].GetProperty("endsAt").GetString());
    }

    [Fact]
    public void Slack_text_escapes_mentions_and_links_so_cluster_data_cannot_ping_or_link()
    {
        var sink = new AlertSinkSettings { Name = "s", Type = AlertSinkType.Slack, UrlEnv = "X" };

        using var doc = JsonDocument.Parse(AlertPayloads.Render(Templates, sink, [Firing]));

        var text = doc.RootElement.GetProperty("blocks")[1].GetProperty("text").GetProperty("text").GetString()!;
        Assert.Contains("&lt;!channel&gt;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Teams_text_escapes_markdown_links()
    {
        var sink = new AlertSinkSettings { Name = "t", Type = AlertSinkType.Teams, UrlEnv = "X" };

        var json = AlertPayloads.Render(Templates, sink, [Firing]);

        Assert.DoesNotContain("[click](javascript", JsonDocument.Parse(json).RootElement.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Payload_round_trips_through_the_outbox_serialization()
    {
        Assert.Equal(Firing, AlertPayloads.Deserialize(AlertPayloads.Serialize(Firing)));
    }
}
