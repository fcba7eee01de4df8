using ComplianceScanner.Core.Layers;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Alerting.Tests;

public sealed class SinkEndpointTests
{
    [Fact]
    public void Url_from_a_file_is_read_trimmed_and_shown_only_as_scheme_and_host()
    {
        using var dir = new TempDirectory();
        var file = dir.File("slack-url", "https://hooks.slack.com/services/T1/B2/SECRETTOKEN\n");

        var endpoint = SinkEndpoint.Resolve(new AlertSinkSettings { Name = "s", Type = AlertSinkType.Slack, UrlFile = file });

        Assert.Equal("https://hooks.slack.com/services/T1/B2/SECRETTOKEN", endpoint.Url.ToString());
        Assert.Equal("https://hooks.slack.com/***", endpoint.Display);
        Assert.Equal(
            "POST https://hooks.slack.com/*** failed: *** and ***",
            endpoint.Redact("POST https://hooks.slack.com/*** failed: https://hooks.slack.com/services/T1/B2/SECRETTOKEN and /services/T1/B2/SECRETTOKEN"));
    }

    [Fact]
    public void Alertmanager_url_gets_the_v2_alerts_path_and_its_token_is_redacted()
    {
        using var dir = new TempDirectory();
        var token = dir.File("token", "s3cr3t-token");

        var endpoint = SinkEndpoint.Resolve(new AlertSinkSettings { Name = "am", Type = AlertSinkType.Alertmanager, Url = "http://am.monitoring:9093", BearerTokenFile = token });

        Assert.Equal("http://am.monitoring:9093/api/v2/alerts", endpoint.Url.ToString());
        Assert.Equal("s3cr3t-token", endpoint.Token);
        Assert.Equal("bad token ***", endpoint.Redact("bad token s3cr3t-token"));
    }

    [Fact]
    public void Invalid_url_in_a_file_is_reported_without_echoing_it()
    {
        using var dir = new TempDirectory();
        var file = dir.File("url", "hooks.slack.com/services/SECRET");

        var ex = Assert.Throws<AlertConfigurationException>(() => SinkEndpoint.Resolve(new AlertSinkSettings { Name = "s", Type = AlertSinkType.Slack, UrlFile = file }));

        Assert.Equal($"alerts sink s: the value of urlFile {file} is not an absolute http or https URL.", ex.Message);
    }

    [Fact]
    public void Missing_url_file_is_reported_with_its_path()
    {
        var ex = Assert.Throws<AlertConfigurationException>(() => SinkEndpoint.Resolve(new AlertSinkSettings { Name = "s", Type = AlertSinkType.Teams, UrlFile = "/nonexistent/teams-url" }));

        Assert.StartsWith("alerts sink s: cannot read urlFile /nonexistent/teams-url: ", ex.Message, StringComparison.Ordinal);
    }
}
