using System.Text;
using System.Text.RegularExpressions;
using ComplianceScanner.Configuration;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Snapshot.Manifests;
using ComplianceScanner.TestSupport;
using MimeKit;

namespace ComplianceScanner.Delivery.Tests;

/// <summary>
/// Renders team shop's message from the bundled demo cluster and scanner.yaml, checks it holds only shop's findings,
/// and (UPDATE_GOLDEN=1) writes its excerpt into docs/reports.md, so the documented example is real output.
/// </summary>
public sealed partial class DemoReportExampleTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_demo_clusters_shop_message_holds_only_shop_findings()
    {
        var today = DateOnly.FromDateTime(At.UtcDateTime);
        var config = ConfigLoader.LoadFile(RepoPaths.At("scanner.yaml"), today).Config!;
        config = config with
        {
            Reports = new ReportSettings
            {
                Smtp = new SmtpSettings { Host = "smtp.example.com", From = "Compliance Scanner <scanner@example.com>" },
                BaseUrl = "https://compliance-scanner.example.com",
                Schedules = [new ReportSchedule { Name = "teams-weekly", Cron = "0 0 7 ? * MON", Audience = ReportAudience.Teams, Attach = [ReportAttachment.Html, ReportAttachment.Json] }],
            },
        };
        var load = new ManifestLoader().Load([RepoPaths.At("examples", "demo-cluster")]);
        var context = new EvaluationContext(load.Snapshot, config, today);
        var result = new Evaluator(RuleCatalogue.All).Evaluate(context);
        var report = ReportBuilder.Build(load.Snapshot, config, result, RuleCatalogue.Descriptors, new ReportScanner("ComplianceScanner", "0.1.0", RuleCatalogue.Version), At, At.AddSeconds(1), context.Duties);
        var schedule = config.Reports.Schedules[0];
        var target = ReportAudienceTarget.Of(schedule, config).Single(t => t.Key == "team:shop");
        var shop = ReportFilter.ForTeam(report, target.Team!);
        var builder = new ReportMessageBuilder(config.Reports, DeliveryFixture.Templates);

        using var message = builder.Build(new ReportMessageRequest(schedule, target, 42, shop, null, null, At, MessageIds.For(config.ClusterName, schedule.Name, target.Key, At), At.AddMinutes(1)));

        Assert.NotEmpty(shop.Findings);
        // A team's findings: those in its namespaces, and those about its own ServiceAccounts (even cluster-wide grants).
        Assert.All(shop.Findings, f => Assert.True(
            f.Team == "shop" || f.Namespace is "shop" || f.Namespace?.StartsWith("shop-", StringComparison.Ordinal) == true || f.Subject?.StartsWith("ServiceAccount:shop/", StringComparison.Ordinal) == true,
            f.Id));
        Assert.Contains(shop.Findings, f => f.Subject == "ServiceAccount:shop/storefront" && f.Team is null);
        Assert.True(shop.Findings.Length < report.Findings.Length);
        Assert.Equal(["shop@example.com"], message.To.Mailboxes.Select(m => m.Address).ToArray());
        var otherTeamsObjects = report.Findings.Where(f => f.Team is "payments" or "blog").Select(f => f.Object?.Name).OfType<string>().Distinct().Where(n => !shop.Findings.Any(s => s.Object?.Name == n)).ToList();
        Assert.NotEmpty(otherTeamsObjects);
        Assert.All(otherTeamsObjects, name => Assert.DoesNotContain(name + " ", message.TextBody, StringComparison.Ordinal));

        var excerpt = Excerpt(message);
        Assert.Contains("Subject: [ComplianceScanner] demo for team shop:", excerpt, StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var doc = RepoPaths.At("docs", "reports.md");
            var text = File.ReadAllText(doc);
            File.WriteAllText(doc, Marked().Replace(text, m => m.Groups[1].Value + "\n```text\n" + excerpt + "```\n" + m.Groups[3].Value));
        }
    }

    /// <summary>The headers a reader sees, the MIME structure, and the text/plain part.</summary>
    private static string Excerpt(MimeMessage message)
    {
        var sb = new StringBuilder();
        foreach (var name in new[] { "From", "To", "Subject", "Message-Id", "Auto-Submitted", "X-ComplianceScanner-Schedule", "X-ComplianceScanner-Audience", "X-ComplianceScanner-Window" })
        {
            sb.Append(name).Append(": ").Append(message.Headers[name]?.Trim()).Append('\n');
        }

        sb.Append('\n');
        foreach (var part in message.BodyParts)
        {
            sb.Append("part ").Append(part.ContentType.MimeType);
            if (part is MimePart { FileName: { } file } mime)
            {
                using var stream = new MemoryStream();
                mime.Content!.DecodeTo(stream);
                sb.Append(" attachment ").Append(file).Append(" (").Append(stream.Length / 1024).Append(" KiB)");
            }

            sb.Append('\n');
        }

        sb.Append("\n--- text/plain ---\n").Append((message.TextBody ?? string.Empty).TrimEnd()).Append('\n');
        return sb.ToString();
    }

    [GeneratedRegex(@"(<!-- demo-message:begin -->)\n(.*?)(<!-- demo-message:end -->)", RegexOptions.Singleline)]
    private static partial Regex Marked();
}
