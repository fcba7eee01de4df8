using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class ReportsSectionTests
{
    private const string Layers = """
        layers:
          security:
            subjects: [{kind: Group, name: security-team}]
            contacts: [security@example.com, "#sec-chat"]
          namespace:
            teams:
            - {name: shop, namespaces: [shop], contacts: [shop@example.com]}
            - {name: blog, namespaces: [blog], contacts: ["#blog-chat"]}

        """;

    [Fact]
    public void Absent_reports_section_means_no_reports()
    {
        Assert.Null(ConfigText.Valid("cluster: {name: a}\n").Reports);
    }

    [Fact]
    public void Schedules_smtp_and_defaults_are_bound()
    {
        var result = ConfigText.Load(ConfigText.Header + Layers + """
            reports:
              smtp: {host: smtp.example.com, username: scanner, passwordFile: secrets/smtp-password, from: "Compliance Scanner <scanner@example.com>"}
              baseUrl: https://scanner.example.com/
              maxAttachmentBytes: 2097152
              schedules:
              - {name: daily-security, cron: "0 0 7 ? * MON-FRI", audience: security, content: digest, attach: [html, json, markdown], skipWhenUnchanged: true}
              - {name: weekly-teams, cron: "0 0 8 ? * MON", audience: teams}
              - {name: ciso, cron: "0 0 9 1 * ?", audience: [ciso@example.com], content: new-findings, attach: []}
            """);

        // blog has only a chat contact: it is warned about, not an error, because shop is reached.
        Assert.Equal(
            ["scanner.yaml:17:59: warning: reports.schedules[1].audience: team \"blog\" has no e-mail contact and will not receive this report."],
            ConfigText.Messages(result));
        var reports = result.Config!.Reports!;
        Assert.Equal(("smtp.example.com", 587, SmtpSecurity.StartTls, "scanner"), (reports.Smtp.Host, reports.Smtp.Port, reports.Smtp.Security, reports.Smtp.Username));
        Assert.Equal(Path.GetFullPath("secrets/smtp-password", ConfigText.BaseDirectory), reports.Smtp.PasswordFile);
        Assert.Equal("https://scanner.example.com", reports.BaseUrl);
        Assert.Equal(2_097_152, reports.MaxAttachmentBytes);
        var (security, teams, ciso) = (reports.Schedules[0], reports.Schedules[1], reports.Schedules[2]);
        Assert.Equal((ReportAudienceKind.Security, ReportContent.Digest, true), (security.Audience.Kind, security.Content, security.SkipWhenUnchanged));
        Assert.Equal([ReportAttachment.Html, ReportAttachment.Json, ReportAttachment.Markdown], security.Attach.AsEnumerable());
        Assert.Equal((ReportAudienceKind.Teams, ReportContent.Full, false), (teams.Audience.Kind, teams.Content, teams.SkipWhenUnchanged));
        Assert.Equal([ReportAttachment.Html, ReportAttachment.Json], teams.Attach.AsEnumerable());
        Assert.Equal(["ciso@example.com"], ciso.Audience.Recipients.AsEnumerable());
        Assert.Empty(ciso.Attach);
        Assert.Equal(["security@example.com", "#sec-chat"], result.Config.SecurityLayer.Contacts.AsEnumerable());
    }

    [Fact]
    public void Schedules_that_reach_nobody_bad_cron_and_field_mistakes_are_reported_with_line_and_field()
    {
        var messages = ConfigText.Diagnose("""
            layers:
              namespace:
                teams:
                - {name: blog, namespaces: [blog], contacts: ["#blog-chat"]}
            reports:
              smtp: {host: "smtp example", port: 70000, security: ssl, username: scanner, password: hunter2, from: scanner}
              baseUrl: ftp://scanner
              maxAttachmentBytes: -1
              schedules:
              - {name: Daily, cron: "0 7 * * *", audience: security}
              - {name: teams, cron: "0 0 7 * * ?", audience: teams, content: summary, attach: [pdf]}
              - {name: people, cron: "0 0 7 * * ?", audience: ["#chat"]}
              - {name: teams, cron: "0 0 7 * * ?", audience: everyone}
            """);
        Assert.Equal(
            [
                "scanner.yaml:8:16: error: reports.smtp.host: must be a host name or IP address, e.g. \"smtp.example.com\"; got \"smtp example\".",
                "scanner.yaml:8:38: error: reports.smtp.port: must be a port number from 1 to 65535, got \"70000\".",
                "scanner.yaml:8:55: error: reports.smtp.security: must be starttls (port 587), tls (implicit TLS, port 465) or none; got \"ssl\".",
                "scanner.yaml:8:89: error: reports.smtp.password: the SMTP password is a secret: it must not be written in scanner.yaml. Hint: put it in a file and give passwordFile, or in an environment variable and give passwordEnv; then remove it from this file and rotate it.",
                "scanner.yaml:8:104: error: reports.smtp.from: must be an e-mail address such as \"scanner@example.com\" or \"Compliance Scanner <scanner@example.com>\"; got \"scanner\".",
                "scanner.yaml:9:12: error: reports.baseUrl: must be an absolute http or https URL without credentials, e.g. \"https://compliance-scanner.example.com\"; got \"ftp://scanner\".",
                "scanner.yaml:10:23: error: reports.maxAttachmentBytes: must be a whole number of bytes of at least 1, e.g. 10485760 for 10 MiB; got \"-1\".",
                "scanner.yaml:12:12: error: reports.schedules[0].name: schedule name \"Daily\" must be at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.",
                "scanner.yaml:12:25: error: reports.schedules[0].cron: invalid Quartz cron expression \"0 7 * * *\": Cron expression '0 7 * * *' has 5 fields, which is the Unix/crontab form; Quartz cron has 6 or 7 fields with seconds first. Prepend a seconds field: \"0 0 7 * * *\". Note that Quartz numbers days of week 1-7 starting at Sunday where Unix cron uses 0-6, so respell numeric day-of-week values or use names (SUN, MON, ...). Or read it as written, renumbering and all, with CronExpression.Parse(expression, CronFormat.Unix). Hint: Quartz cron has seconds first and '?' in day-of-month or day-of-week, e.g. \"0 0 7 ? * MON-FRI\" (07:00 UTC on weekdays).",
                "scanner.yaml:12:48: error: reports.schedules[0].audience: this schedule reaches nobody: the security layer has no e-mail contact. Hint: add contacts: [security@example.com] under layers.security.",
                "scanner.yaml:13:50: error: reports.schedules[1].audience: this schedule reaches nobody: no team has an e-mail contact. Hint: add contacts: [team@example.com] to the teams under layers.namespace.teams.",
                "scanner.yaml:13:66: error: reports.schedules[1].content: must be full (every open finding), digest (what changed since the last report) or new-findings; got \"summary\".",
                "scanner.yaml:13:84: error: reports.schedules[1].attach[0]: unknown attachment format \"pdf\"; choose from html, json, markdown.",
                "scanner.yaml:14:51: error: reports.schedules[2].audience: this schedule reaches nobody: the list has no e-mail address. Hint: audience: [ciso@example.com], or security, or teams.",
                "scanner.yaml:14:52: error: reports.schedules[2].audience[0]: must be an e-mail address such as \"ciso@example.com\"; got \"#chat\".",
                "scanner.yaml:15:12: error: reports.schedules[3].name: schedule name \"teams\" is used twice (reports.schedules[1].name, line 13).",
                "scanner.yaml:15:50: error: reports.schedules[3].audience: must be security (the security layer's contacts), teams (each team its own findings) or a list of e-mail addresses; got \"everyone\".",
            ],
            messages);
        Assert.DoesNotContain("hunter2", string.Join("\n", messages), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reports_section_without_smtp_or_schedules_is_reported()
    {
        var messages = ConfigText.Diagnose("""
            reports:
              baseUrl: https://scanner.example.com
            """);

        Assert.Equal(
            [
                "scanner.yaml:4:3: error: reports.smtp: missing required field \"smtp\".",
                "scanner.yaml:4:3: error: reports.schedules: missing required field \"schedules\".",
            ],
            messages);
    }

    [Fact]
    public void A_username_needs_a_password_source_and_only_one()
    {
        var messages = ConfigText.Diagnose("""
            reports:
              smtp: {host: smtp.example.com, username: scanner, passwordFile: /run/secrets/smtp, passwordEnv: SMTP_PASSWORD, from: scanner@example.com}
              schedules: []
            """);

        Assert.Contains(messages, m => m.Contains("reports.smtp.passwordEnv: give only one of passwordFile and passwordEnv.", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("reports.smtp.passwordFile: a username needs its password", StringComparison.Ordinal));
    }
}
