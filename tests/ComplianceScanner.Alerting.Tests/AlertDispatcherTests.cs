using System.Text.Json;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.History;
using ComplianceScanner.History.Outbox;
using ComplianceScanner.Rendering;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Alerting.Tests;

/// <summary>
/// The outbox and its delivery against a local receiver that fails on purpose (500, accepted-then-hang, down):
/// nothing lost, nothing acted on twice by a receiver that dedupes by Idempotency-Key, resolved never before firing.
/// Clock jumps use <see cref="ShiftedTimeProvider"/>; counts are bounded, no timing is asserted.
/// </summary>
public sealed class AlertDispatcherTests : IDisposable
{
    private static readonly AlertDispatcherOptions FastOptions = new()
    {
        RetriesPerRun = 1,
        RetryDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(2),
        BackoffBase = TimeSpan.FromSeconds(30),
        BackoffMax = TimeSpan.FromMinutes(10),
    };

    private readonly TempDirectory dir = new();
    private readonly string urlEnv = "CS_ALERT_TEST_URL_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly HttpClient http = new();
    private readonly ShiftedTimeProvider time = new();

    private string StorePath => Path.Combine(dir.Path, "scanner.db");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(urlEnv, null);
        http.Dispose();
        dir.Dispose();
    }

    [Fact]
    public async Task Enqueueing_a_scan_writes_one_row_per_sink_and_transition_and_a_second_enqueue_adds_nothing()
    {
        var settings = new AlertSettings { Sinks = [AlertScenario.Webhook("a", urlEnv), AlertScenario.Webhook("b", urlEnv) with { MinSeverity = Core.Findings.Severity.Critical }] };
        var dispatcher = Dispatcher(settings);
        using var store = ScanStore.Open(StorePath);
        var (report, recorded) = AlertScenario.Scan(store, 3, time.GetUtcNow());

        var added = await dispatcher.EnqueueAsync(report, recorded);
        var again = await dispatcher.EnqueueAsync(report, recorded);

        using var outbox = AlertOutbox.Open(StorePath);
        var rows = outbox.All();
        var open = report.Findings.Where(f => f.State == "open").ToList();
        Assert.True(open.Count(f => f.RuleId == "SOD-ING-001") == 3, "the scenario should have the 3 host findings");
        Assert.Equal(open.Count + open.Count(f => f.Severity == "critical"), added);
        Assert.Equal(0, again);
        Assert.Equal(added, rows.Length);
        Assert.All(rows, r => Assert.Equal("new", r.Transition));
        Assert.Equal(rows.Length, rows.Select(r => r.IdempotencyKey).Distinct().Count());
        Assert.True(outbox.WasEnqueued(recorded.Scan.Id, "a"));
        Assert.Contains(rows, r => r.Sink == "a" && AlertPayloads.Deserialize(r.Payload).RuleId == "SOD-ING-001");
    }

    [Fact]
    public async Task Receiver_failing_with_500_then_hanging_then_down_gets_every_alert_once_when_back()
    {
        await using var receiver = await TestReceiver.StartAsync();
        Environment.SetEnvironmentVariable(urlEnv, receiver.Url);
        var dispatcher = Dispatcher(new AlertSettings { Sinks = [AlertScenario.Webhook("hook", urlEnv)] });
        var expectedKeys = await EnqueueScenarioAsync(dispatcher, bad: 12);

        // 500: nothing delivered; the error names the status but not the secret path.
        receiver.Mode = TestReceiver.Behaviour.Fail500;
        var run = await dispatcher.DeliverPendingAsync();
        Assert.Equal(0, run.Alerts);
        Assert.Equal(expectedKeys.Count, run.Pending);
        Assert.Contains("500", run.Sinks[0].Error, StringComparison.Ordinal);
        AssertNoSecret(run.Summary(), receiver);

        // Backing off: an immediate second run sends nothing at all.
        var requestsBefore = receiver.Requests;
        run = await dispatcher.DeliverPendingAsync();
        Assert.Equal(requestsBefore, receiver.Requests);
        Assert.Equal(expectedKeys.Count, run.Pending);

        // Accepted, but the answer never comes: the sender gives up; the message will be sent again with its key.
        time.Advance(TimeSpan.FromMinutes(15));
        receiver.Mode = TestReceiver.Behaviour.AcceptThenHang;
        run = await dispatcher.DeliverPendingAsync();
        Assert.Equal(0, run.Alerts);
        Assert.Contains("did not answer in time", run.Sinks[0].Error, StringComparison.Ordinal);
        Assert.Single(receiver.Accepted);

        // Down: connection refused.
        await receiver.DownAsync();
        time.Advance(TimeSpan.FromMinutes(15));
        run = await dispatcher.DeliverPendingAsync();
        Assert.Equal(0, run.Alerts);
        Assert.NotNull(run.Sinks[0].Error);
        AssertNoSecret(run.Summary(), receiver);
        using (var outbox = AlertOutbox.Open(StorePath))
        {
            Assert.All(outbox.All(), r => Assert.Null(r.DeliveredAt));
            Assert.All(outbox.All().Where(r => r.LastError is not null), r => AssertNoSecret(r.LastError!, receiver));
        }

        // Back: within a bounded number of runs everything is delivered, each message acted on once.
        receiver.Mode = TestReceiver.Behaviour.Accept;
        await receiver.UpAsync();
        for (var i = 0; i < 5 && dispatcher.PendingCount() > 0; i++)
        {
            time.Advance(TimeSpan.FromMinutes(15));
            await dispatcher.DeliverPendingAsync();
        }

        Assert.Equal(0, dispatcher.PendingCount());
        Assert.Equal(expectedKeys.Order(StringComparer.Ordinal), receiver.Accepted.Keys.Order(StringComparer.Ordinal));
        Assert.True(receiver.Duplicates >= 1, "the message whose answer was lost must have been re-sent with its key");
        Assert.All(receiver.Accepted.Values, body => Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("alerts").EnumerateArray()));
    }

    [Fact]
    public async Task Receiver_down_for_an_hour_gets_every_alert_within_the_maximum_backoff_of_coming_back()
    {
        await using var receiver = await TestReceiver.StartAsync();
        Environment.SetEnvironmentVariable(urlEnv, receiver.Url);
        var dispatcher = Dispatcher(new AlertSettings { Sinks = [AlertScenario.Webhook("hook", urlEnv)] });
        var expectedKeys = await EnqueueScenarioAsync(dispatcher, bad: 5);
        await receiver.DownAsync();

        // The agent runs delivery every few minutes for an hour while the receiver is down.
        for (var minute = 0; minute < 60; minute += 5)
        {
            await dispatcher.DeliverPendingAsync();
            time.Advance(TimeSpan.FromMinutes(5));
        }

        using (var outbox = AlertOutbox.Open(StorePath))
        {
            var head = outbox.Pending("hook", 1)[0];
            Assert.InRange(head.Attempts, 2, 12);
            Assert.True(head.NextAttemptAt - time.GetUtcNow() <= FastOptions.BackoffMax * 1.2, "backoff must be capped");
        }

        await receiver.UpAsync();
        time.Advance(FastOptions.BackoffMax * 1.2);
        var run = await dispatcher.DeliverPendingAsync();

        Assert.Equal(expectedKeys.Count, run.Alerts);
        Assert.Equal(0, run.Pending);
        Assert.Equal(expectedKeys.Order(StringComparer.Ordinal), receiver.Accepted.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, receiver.Duplicates);
    }

    [Fact]
    public async Task Resolved_message_of_a_later_scan_waits_behind_the_failing_firing_message_of_the_earlier_scan()
    {
        await using var receiver = await TestReceiver.StartAsync();
        Environment.SetEnvironmentVariable(urlEnv, receiver.Url);
        var dispatcher = Dispatcher(new AlertSettings { Sinks = [AlertScenario.Webhook("hook", urlEnv, groupPerScan: true)] });
        using var store = ScanStore.Open(StorePath);
        var first = AlertScenario.Scan(store, 2, time.GetUtcNow());
        await dispatcher.EnqueueAsync(first.Report, first.Recorded);
        receiver.Mode = TestReceiver.Behaviour.Fail500;
        await dispatcher.DeliverPendingAsync();

        time.Advance(TimeSpan.FromHours(1));
        var second = AlertScenario.Scan(store, 0, time.GetUtcNow());
        await dispatcher.EnqueueAsync(second.Report, second.Recorded);
        receiver.Mode = TestReceiver.Behaviour.Accept;
        var run = await dispatcher.DeliverPendingAsync();

        Assert.Equal(2, run.Messages);
        var bodies = receiver.AcceptedOrder.Select(k => JsonDocument.Parse(receiver.Accepted[k]).RootElement).ToList();
        Assert.Equal(first.Recorded.Scan.Id, bodies[0].GetProperty("scanId").GetInt64());
        Assert.All(bodies[0].GetProperty("alerts").EnumerateArray(), a => Assert.Equal("firing", a.GetProperty("status").GetString()));
        Assert.Equal(second.Recorded.Scan.Id, bodies[1].GetProperty("scanId").GetInt64());
        Assert.All(bodies[1].GetProperty("alerts").EnumerateArray(), a => Assert.Equal("resolved", a.GetProperty("status").GetString()));
        var fired = bodies[0].GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("fingerprint").GetString()).ToHashSet();
        var resolved = bodies[1].GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("fingerprint").GetString()).ToList();
        Assert.True(resolved.Count >= 2);
        Assert.All(resolved, fp => Assert.Contains(fp, fired));
    }

    [Fact]
    public async Task Two_processes_delivering_from_one_store_never_send_the_same_message_twice()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Latency = TimeSpan.FromMilliseconds(20);
        Environment.SetEnvironmentVariable(urlEnv, receiver.Url);
        var settings = new AlertSettings { Sinks = [AlertScenario.Webhook("hook", urlEnv)] };
        var one = Dispatcher(settings);
        var two = Dispatcher(settings);
        var expectedKeys = await EnqueueScenarioAsync(one, bad: 20);

        for (var i = 0; i < 50 && one.PendingCount() > 0; i++)
        {
            await Task.WhenAll(Task.Run(() => one.DeliverPendingAsync()), Task.Run(() => two.DeliverPendingAsync()));
        }

        Assert.Equal(0, one.PendingCount());
        Assert.Equal(expectedKeys.Order(StringComparer.Ordinal), receiver.Accepted.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, receiver.Duplicates);
        Assert.Equal(expectedKeys.Count, receiver.Requests);
    }

    [Fact]
    public async Task Rate_limit_holds_messages_over_the_limit_until_the_next_window_without_dropping_any()
    {
        await using var receiver = await TestReceiver.StartAsync();
        Environment.SetEnvironmentVariable(urlEnv, receiver.Url);
        var dispatcher = Dispatcher(new AlertSettings { Sinks = [AlertScenario.Webhook("hook", urlEnv, rateLimit: new AlertRateLimit(2, TimeSpan.FromMinutes(1)))] });
        var expectedKeys = await EnqueueScenarioAsync(dispatcher, bad: 5);

        var first = await dispatcher.DeliverPendingAsync();
        var blocked = await dispatcher.DeliverPendingAsync();
        time.Advance(TimeSpan.FromMinutes(1.5));
        var second = await dispatcher.DeliverPendingAsync();

        Assert.Equal(2, first.Messages);
        Assert.True(first.Sinks[0].RateLimited);
        Assert.Equal(0, blocked.Messages);
        Assert.Equal(2, second.Messages);
        Assert.Equal(expectedKeys.Count - 4, second.Pending);
        Assert.Contains("rate limit", first.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sink_whose_url_variable_is_unset_reports_it_and_keeps_its_alerts()
    {
        var dispatcher = Dispatcher(new AlertSettings { Sinks = [AlertScenario.Webhook("hook", urlEnv)] });
        var expectedKeys = await EnqueueScenarioAsync(dispatcher, bad: 1);

        var run = await dispatcher.DeliverPendingAsync();

        Assert.Equal($"alerts sink hook: environment variable {urlEnv} (urlEnv) is not set or empty.", run.Sinks[0].Error);
        Assert.Equal(expectedKeys.Count, run.Pending);
    }

    [Fact]
    public void Sink_whose_template_is_missing_is_refused_when_the_dispatcher_is_built()
    {
        var settings = new AlertSettings { Sinks = [AlertScenario.Webhook("hook", urlEnv) with { Template = "alerts/nope.json.sbn" }] };

        var ex = Assert.Throws<AlertConfigurationException>(() => Dispatcher(settings));

        Assert.StartsWith("alerts sink hook: template alerts/nope.json.sbn not found in ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("alerts/webhook.json.sbn", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertNoSecret(string text, TestReceiver receiver)
    {
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb", text, StringComparison.Ordinal);
        Assert.DoesNotContain(receiver.Url, text, StringComparison.Ordinal);
    }

    private async Task<List<string>> EnqueueScenarioAsync(AlertDispatcher dispatcher, int bad)
    {
        using var store = ScanStore.Open(StorePath);
        var (report, recorded) = AlertScenario.Scan(store, bad, time.GetUtcNow());
        Assert.True(await dispatcher.EnqueueAsync(report, recorded) >= bad);
        using var outbox = AlertOutbox.Open(StorePath);
        return [.. outbox.All().Select(r => r.IdempotencyKey)];
    }

    private AlertDispatcher Dispatcher(AlertSettings settings) =>
        new(settings, TemplateSet.FromDirectory(RepoPaths.At("templates")), StorePath, http, time, FastOptions);
}
