using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class AlertsSectionTests
{
    [Fact]
    public void Absent_alerts_section_means_no_alerts()
    {
        Assert.Null(ConfigText.Valid("cluster: {name: a}\n").Alerts);
    }

    [Fact]
    public void Sinks_get_type_defaults_section_defaults_and_their_own_overrides()
    {
        var config = ConfigText.Valid("""
            alerts:
              minSeverity: high
              rateLimit: {messages: 20, per: 1m}
              sinks:
              - {name: am, type: alertmanager, url: "http://alertmanager.monitoring:9093/", bearerTokenFile: secrets/am-token, expiresAfter: 6h}
              - name: security-chat
                type: slack
                urlFile: /run/secrets/slack-url
                minSeverity: critical
                notify: [new, reopened, resolved]
                group: finding
                template: alerts/custom-slack.json.sbn
              - {name: teams, type: teams, urlEnv: TEAMS_WEBHOOK_URL}
              - {name: siem, type: webhook, urlEnv: SIEM_URL, rateLimit: {messages: 5, per: 30s}}
            """);

        var sinks = config.Alerts!.Sinks;
        Assert.Equal(["am", "security-chat", "teams", "siem"], sinks.Select(s => s.Name));
        var am = sinks[0];
        Assert.Equal(AlertSinkType.Alertmanager, am.Type);
        Assert.Equal("http://alertmanager.monitoring:9093", am.Url);
        Assert.Equal(Path.GetFullPath("secrets/am-token", ConfigText.BaseDirectory), am.BearerTokenFile);
        Assert.Equal(AlertNotify.New | AlertNotify.Reopened | AlertNotify.Open | AlertNotify.Resolved, am.Notify);
        Assert.Equal(TimeSpan.FromHours(6), am.ExpiresAfter);
        Assert.Equal(Severity.High, am.MinSeverity);
        Assert.Equal(new AlertRateLimit(20, TimeSpan.FromMinutes(1)), am.RateLimit);
        Assert.Equal("alerts/alertmanager.json.sbn", am.EffectiveTemplate);

        var chat = sinks[1];
        Assert.Equal("/run/secrets/slack-url", chat.UrlFile);
        Assert.Equal(Severity.Critical, chat.MinSeverity);
        Assert.Equal(AlertNotify.New | AlertNotify.Reopened | AlertNotify.Resolved, chat.Notify);
        Assert.False(chat.GroupPerScan);
        Assert.Equal("alerts/custom-slack.json.sbn", chat.EffectiveTemplate);

        Assert.Equal(("TEAMS_WEBHOOK_URL", AlertNotify.New | AlertNotify.Reopened, true), (sinks[2].UrlEnv, sinks[2].Notify, sinks[2].GroupPerScan));
        Assert.Equal(new AlertRateLimit(5, TimeSpan.FromSeconds(30)), sinks[3].RateLimit);
    }

    [Fact]
    public void Plain_webhook_url_in_scanner_yaml_is_rejected_without_echoing_the_secret()
    {
        var messages = ConfigText.Diagnose("""
            alerts:
              sinks:
              - {name: chat, type: slack, url: "https://hooks.slack.com/services/T0/B0/SECRET"}
            """);

        AssertLines(
            [
                "scanner.yaml:5:36: error: alerts.sinks[0].url: a slack URL is a secret (whoever has it can post): it must not be written in scanner.yaml. Hint: put it in a file and give urlFile, or in an environment variable and give urlEnv; then remove it from this file and rotate it.",
            ],
            messages);
        Assert.DoesNotContain("SECRET", string.Join("\n", messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_field_mistake_is_reported_with_its_line_column_and_path()
    {
        var messages = ConfigText.Diagnose("""
            alerts:
              notify: [new, fixed]
              group: team
              sinks:
              - {name: Chat, type: slak, urlEnv: "1BAD"}
              - {name: am, type: alertmanager, url: "ftp://am"}
              - {name: am, type: webhook}
              - {name: hook, type: webhook, urlEnv: A, urlFile: /x}
              - {name: t, type: teams, urlEnv: T, expiresAfter: 1h, template: ../secret.sbn, minSeverity: urgent, rateLimit: {messages: 0, per: 1w}}
            """);

        AssertLines(
            [
                "scanner.yaml:4:17: error: alerts.notify[1]: unknown transition \"fixed\"; choose from new, reopened, open, resolved.",
                "scanner.yaml:5:10: error: alerts.group: must be \"scan\" (one message per scan) or \"finding\" (one message per finding), got \"team\".",
                "scanner.yaml:7:12: error: alerts.sinks[0].name: sink name \"Chat\" must be at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.",
                "scanner.yaml:7:24: error: alerts.sinks[0].type: unknown sink type \"slak\"; choose one of alertmanager, slack, teams, webhook. Hint: did you mean \"slack\"?",
                "scanner.yaml:7:38: error: alerts.sinks[0].urlEnv: must be an environment variable name (letters, digits and '_', not starting with a digit), got \"1BAD\".",
                "scanner.yaml:8:41: error: alerts.sinks[1].url: must be an absolute http or https URL without credentials, e.g. \"http://alertmanager.monitoring:9093\"; got \"ftp://am\".",
                "scanner.yaml:9:5: error: alerts.sinks[2].urlFile: the sink needs its URL: give urlFile (a file holding it, e.g. a mounted Secret) or urlEnv (an environment variable holding it); Alertmanager may also use url.",
                "scanner.yaml:9:12: error: alerts.sinks[2].name: sink name \"am\" is used twice (alerts.sinks[1].name, line 8).",
                "scanner.yaml:10:41: error: alerts.sinks[3].urlEnv: give only one of url, urlFile and urlEnv; this sink has urlFile and urlEnv.",
                "scanner.yaml:11:53: error: alerts.sinks[4].expiresAfter: applies only to sinks of type alertmanager.",
                "scanner.yaml:11:67: error: alerts.sinks[4].template: must be a *.sbn template path relative to the templates directory, e.g. \"alerts/slack.json.sbn\"; got \"../secret.sbn\".",
                "scanner.yaml:11:95: error: alerts.sinks[4].minSeverity: unknown severity \"urgent\"; choose one of info, low, medium, high, critical.",
                "scanner.yaml:11:125: error: alerts.sinks[4].rateLimit.messages: must be a whole number of at least 1, got \"0\".",
                "scanner.yaml:11:133: error: alerts.sinks[4].rateLimit.per: must be a duration such as 30s, 5m, 24h or 7d, got \"1w\".",
            ],
            messages);
    }

    private static void AssertLines(string[] expected, string[] actual) => Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));

    [Fact]
    public void Sinks_are_required()
    {
        Seq.Equal(["scanner.yaml:3:9: error: alerts.sinks: missing required field \"sinks\"."], ConfigText.Diagnose("alerts: {minSeverity: high}\n"));
    }
}
