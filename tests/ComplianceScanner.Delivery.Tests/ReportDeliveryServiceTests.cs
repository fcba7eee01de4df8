using System.Diagnostics.Metrics;
using ComplianceScanner.History.Deliveries;
using SmtpServer.Protocol;

namespace ComplianceScanner.Delivery.Tests;

public sealed class ReportDeliveryServiceTests
{
    [Fact]
    public async Task Each_team_receives_only_its_own_findings_at_only_its_own_addresses()
    {
        await using var f = await DeliveryFixture.StartAsync();
        f.Scan(shopBad: 2, paymentsBad: 3);
        using var service = f.Service();

        var result = await service.RunAsync("daily-teams", DeliveryFixture.Window, CancellationToken.None);

        Assert.Equal<string>(["team:shop", "team:payments"], result.Audiences.Select(a => a.Audience));
        Assert.All(result.Audiences, a => Assert.Equal(AudienceDeliveryOutcome.Sent, a.Outcome));
        var mails = f.Smtp.Received;
        Assert.Equal(2, mails.Length);
        var shop = Assert.Single(mails, m => m.EnvelopeTo.Contains("shop@example.com"));
        var payments = Assert.Single(mails, m => m.EnvelopeTo.Contains("payments@example.com"));
        Assert.Equal<string>(["shop@example.com"], shop.EnvelopeTo);
        Assert.Equal<string>(["payments-lead@example.com", "payments@example.com"], payments.EnvelopeTo.Order(StringComparer.Ordinal));
        Assert.Equal<string>(["shop@example.com"], shop.Message.To.Mailboxes.Select(m => m.Address));

        foreach (var (mail, own, other, count) in new[] { (shop, "shop-bad-", "pay-bad-", 2), (payments, "pay-bad-", "shop-bad-", 3) })
        {
            var json = mail.AttachmentText("report.json");
            var report = Rendering.ReportJson.Deserialize(json);
            var open = report.Findings.Where(x => x.State == "open").ToList();
            Assert.Equal(count, open.Where(x => x.Object?.Name.StartsWith(own, StringComparison.Ordinal) == true).Select(x => x.Object!.Name).Distinct().Count());
            Assert.Equal(report.Findings.Length, report.Summary.Total);
            foreach (var text in new[] { mail.Html, mail.Text, json, mail.AttachmentText("report.html"), mail.AttachmentText("report.md") })
            {
                Assert.Contains(own, text, StringComparison.Ordinal);
                Assert.DoesNotContain(other, text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(other, mail.Message.Subject, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_security_layer_gets_every_finding_and_named_recipients_get_their_own_message()
    {
        await using var f = await DeliveryFixture.StartAsync();
        f.Scan(shopBad: 2, paymentsBad: 3);
        using var service = f.Service();

        await service.RunAsync("daily-security", DeliveryFixture.Window, CancellationToken.None);
        await service.RunAsync("ciso-new", DeliveryFixture.Window.AddHours(1), CancellationToken.None);

        var security = Assert.Single(f.Smtp.Received, m => m.EnvelopeTo.SequenceEqual(["security@example.com"]));
        Assert.Contains("shop-bad-1", security.Html, StringComparison.Ordinal);
        Assert.Contains("pay-bad-2", security.Html, StringComparison.Ordinal);
        Assert.NotNull(security.Attachment("report.html"));
        Assert.NotNull(security.Attachment("report.json"));
        var ciso = Assert.Single(f.Smtp.Received, m => m.EnvelopeTo.SequenceEqual(["ciso@example.com"]));
        Assert.Null(ciso.Attachment("report.html"));
        Assert.NotNull(ciso.Attachment("report.json"));
    }

    [Fact]
    public async Task A_second_run_by_a_new_service_over_the_same_store_does_not_send_again()
    {
        await using var f = await DeliveryFixture.StartAsync();
        f.Scan(shopBad: 1, paymentsBad: 1);
        using (var first = f.Service())
        {
            await first.RunAsync("daily-teams", DeliveryFixture.Window, CancellationToken.None);
        }

        f.Time.Advance(TimeSpan.FromHours(2));
        f.Scan(shopBad: 2, paymentsBad: 1);
        using var restarted = f.Service();
        var again = await restarted.RunAsync("daily-teams", DeliveryFixture.Window, CancellationToken.None);

        Assert.All(again.Audiences, a => Assert.Equal(AudienceDeliveryOutcome.AlreadyDelivered, a.Outcome));
        Assert.Equal(2, f.Smtp.Received.Length);
        Assert.All(restarted.Deliveries("daily-teams"), d => Assert.Equal(ReportDeliveryState.Sent, d.State));
    }

    [Fact]
    public async Task A_server_that_refuses_mail_for_a_while_gets_the_message_later_once()
    {
        await using var f = await DeliveryFixture.StartAsync();
        f.Scan(shopBad: 1, paymentsBad: 0);
        using var service = f.Service();
        using var failures = new FailureCounter("daily-security");

        // One run makes two attempts (RetryAttempts = 1): a temporary and a permanent refusal.
        f.Smtp.Refuse(new SmtpResponse(SmtpReplyCode.Aborted, "try again later"), new SmtpResponse(SmtpReplyCode.TransactionFailed, "not now"));
        var refused = await service.RunAsync("daily-security", DeliveryFixture.Window, CancellationToken.None);

        var outcome = Assert.Single(refused.Audiences);
        Assert.Equal(AudienceDeliveryOutcome.Failed, outcome.Outcome);
        Assert.Contains("554", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(f.Smtp.Received);
        Assert.Equal(2, failures.Total);
        var pending = Assert.Single(service.Deliveries("daily-security"));
        Assert.Equal(ReportDeliveryState.Pending, pending.State);
        Assert.Equal(1, pending.Attempts);
        Assert.NotNull(pending.LastError);
        Assert.Equal(1, service.PendingCount());

        // Not yet due: nothing is sent, by the retry loop or by another run of the same window.
        Assert.Empty(await service.RetryDueAsync(CancellationToken.None));
        Assert.Equal(AudienceDeliveryOutcome.Pending, Assert.Single((await service.RunAsync("daily-security", DeliveryFixture.Window, CancellationToken.None)).Audiences).Outcome);

        f.Time.Advance(pending.NextAttemptAt - f.Time.GetUtcNow());
        var retried = await service.RetryDueAsync(CancellationToken.None);

        Assert.Equal(AudienceDeliveryOutcome.Sent, Assert.Single(retried).Outcome);
        var mail = Assert.Single(f.Smtp.Received);
        Assert.Equal("<" + pending.MessageId + ">", "<" + mail.Message.MessageId + ">");
        Assert.Empty(await service.RetryDueAsync(CancellationToken.None));
        Assert.Equal(AudienceDeliveryOutcome.AlreadyDelivered, Assert.Single((await service.RunAsync("daily-security", DeliveryFixture.Window, CancellationToken.None)).Audiences).Outcome);
        Assert.Single(f.Smtp.Received);
        Assert.Equal(0, service.PendingCount());
    }

    [Fact]
    public async Task A_crash_between_acceptance_and_the_mark_resends_with_the_same_message_id()
    {
        await using var f = await DeliveryFixture.StartAsync();
        f.Scan(shopBad: 1, paymentsBad: 1);
        using (var crashing = f.Service(afterAccepted: _ => throw new SimulatedCrashException()))
        {
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.RunAsync("daily-security", DeliveryFixture.Window, CancellationToken.None));
        }

        var first = Assert.Single(f.Smtp.Received);

        // A restart within the dead sender's lease sends nothing: the sender might still be running.
        using (var early = f.Service())
        {
            Assert.Equal(AudienceDeliveryOutcome.Pending, Assert.Single((await early.RunAsync("daily-security", DeliveryFixture.Window, CancellationToken.None)).Audiences).Outcome);
        }

        f.Time.Advance(new ReportDeliveryOptions().Lease + TimeSpan.FromSeconds(1));
        using var restarted = f.Service();
        var result = await restarted.RunAsync("daily-security", DeliveryFixture.Window, CancellationToken.None);

        Assert.Equal(AudienceDeliveryOutcome.Sent, Assert.Single(result.Audiences).Outcome);
        Assert.Equal(2, f.Smtp.Received.Length);
        var second = f.Smtp.Received[1];
        Assert.Equal(first.Message.MessageId, second.Message.MessageId);
        Assert.EndsWith("@compliance-scanner", second.Message.MessageId, StringComparison.Ordinal);
        Assert.Equal(first.Message.Subject, second.Message.Subject);
        Assert.Equal(ReportDeliveryState.Sent, Assert.Single(restarted.Deliveries("daily-security")).State);
    }

    [Fact]
    public async Task A_digest_shows_what_changed_since_the_audiences_last_report_and_skips_when_nothing_did()
    {
        await using var f = await DeliveryFixture.StartAsync();
        f.Scan(shopBad: 1, paymentsBad: 1);
        using var service = f.Service();
        await service.RunAsync("team-digest", DeliveryFixture.Window, CancellationToken.None);
        Assert.Equal(2, f.Smtp.Received.Length);

        // A week later, shop gained a finding, payments changed nothing.
        f.Time.Advance(TimeSpan.FromDays(7));
        f.Scan(shopBad: 2, paymentsBad: 1);
        var week2 = await service.RunAsync("team-digest", DeliveryFixture.Window.AddDays(7), CancellationToken.None);

        Assert.Equal(AudienceDeliveryOutcome.Sent, week2.Audiences.Single(a => a.Audience == "team:shop").Outcome);
        Assert.Equal(AudienceDeliveryOutcome.Skipped, week2.Audiences.Single(a => a.Audience == "team:payments").Outcome);
        Assert.Equal(3, f.Smtp.Received.Length);
        var digest = f.Smtp.Received[2];
        Assert.Equal<string>(["shop@example.com"], digest.EnvelopeTo);
        // The new Ingress breaks two rules: a host outside the team's (SOD-ING-001) and a missing TLS secret (SOD-ING-009).
        Assert.Contains("2 new, 0 resolved since the last report", digest.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("shop-bad-1", digest.Html, StringComparison.Ordinal);
        Assert.Contains("New findings (2)", digest.Html, StringComparison.Ordinal);
        Assert.Equal(ReportDeliveryState.Skipped, service.Deliveries("team-digest").Single(d => d.Audience == "team:payments" && d.WindowStart == DeliveryFixture.Window.AddDays(7)).State);
    }

    [Fact]
    public async Task Attachments_over_the_size_cap_become_links_to_the_agent_api()
    {
        await using var f = await DeliveryFixture.StartAsync(maxAttachmentBytes: 100);
        var latest = f.Scan(shopBad: 1, paymentsBad: 1);
        using var service = f.Service();

        await service.RunAsync("daily-teams", DeliveryFixture.Window, CancellationToken.None);

        var shop = Assert.Single(f.Smtp.Received, m => m.EnvelopeTo.Contains("shop@example.com"));
        Assert.Empty(shop.Message.Attachments);
        Assert.Contains($"https://scanner.example.com/api/v1/scans/{latest.ScanId}/report.html?team=shop", shop.Html, StringComparison.Ordinal);
        Assert.Contains($"https://scanner.example.com/api/v1/scans/{latest.ScanId}/report.json?team=shop", shop.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_rebuilt_from_the_store_has_the_findings_of_the_recorded_scan()
    {
        await using var f = await DeliveryFixture.StartAsync();
        var latest = f.Scan(shopBad: 2, paymentsBad: 1);

        var rebuilt = await new StoredReportSource(f.StorePath, f.Config).LatestAsync(CancellationToken.None);

        Assert.NotNull(rebuilt);
        Assert.Equal(latest.ScanId, rebuilt.ScanId);
        Assert.Equal(latest.Report.Findings.Select(x => x.Id).Order(), rebuilt.Report.Findings.Select(x => x.Id).Order());
        Assert.Equal(latest.Report.Summary.Open, rebuilt.Report.Summary.Open);
        Assert.Equal(latest.Report.Summary.BySeverity, rebuilt.Report.Summary.BySeverity.AsEnumerable());
        Assert.Equal(latest.Report.Matrix.Length, rebuilt.Report.Matrix.Length);
    }

    [Fact]
    public async Task An_unknown_schedule_is_reported_with_the_configured_names()
    {
        await using var f = await DeliveryFixture.StartAsync();
        f.Scan(shopBad: 1, paymentsBad: 1);
        using var service = f.Service();

        var ex = await Assert.ThrowsAsync<ReportDeliveryException>(() => service.RunAsync("weekly", DeliveryFixture.Window, CancellationToken.None));

        Assert.Contains("no report schedule named 'weekly'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("daily-teams", ex.Message, StringComparison.Ordinal);
    }

    private sealed class SimulatedCrashException : Exception;

    /// <summary>Listens to the failure counter of one schedule (tests run in parallel, each with its own schedules or stores).</summary>
    private sealed class FailureCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long total;

        public FailureCounter(string schedule)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DeliveryMetrics.MeterName && instrument.Name == "compliancescanner.reports.send_failures")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "schedule" && (string?)tag.Value == schedule)
                    {
                        Interlocked.Add(ref total, value);
                    }
                }
            });
            listener.Start();
        }

        public long Total => Interlocked.Read(ref total);

        public void Dispose() => listener.Dispose();
    }
}
