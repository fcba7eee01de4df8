using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.History;
using ComplianceScanner.History.Outbox;
using ComplianceScanner.Rendering;

namespace ComplianceScanner.Alerting;

/// <summary>
/// Sends alerts about finding transitions to the configured sinks through the durable outbox in the history store.
/// After a scan is recorded, call <see cref="EnqueueAsync"/> (writes the scan's alerts to the outbox, nothing is sent),
/// then <see cref="DeliverPendingAsync"/> (sends what is due, oldest first per sink). Both the CLI
/// (<c>scan --store DB</c>) and the agent call them; the agent also calls <see cref="DeliverPendingAsync"/> on its own
/// schedule so alerts that wait for a receiver go out once it is back.
/// </summary>
/// <remarks>
/// <para>
/// Delivery is at-least-once with an idempotency key: a row is marked delivered only after a 2xx answer, so a crash
/// between the answer and the mark re-sends the same message with the same <c>Idempotency-Key</c> header (and, for
/// Alertmanager, the same labels, which it merges). Per sink, messages go out in enqueue order and a failing message
/// holds back the later ones, so a "resolved" never overtakes its "firing".
/// </para>
/// <para>
/// Before a message is sent its rows are claimed in the store for the length of its attempts, so two processes
/// delivering from one store never send the same message at the same time; rows held by a killed process are due
/// again when the claim runs out.
/// </para>
/// <para>Not thread-safe: one instance per thread.</para>
/// </remarks>
public sealed class AlertDispatcher
{
    private readonly AlertSettings settings;
    private readonly TemplateSet templates;
    private readonly string storePath;
    private readonly TimeProvider time;
    private readonly AlertDispatcherOptions options;
    private readonly AlertSender sender;

    /// <param name="settings">The <c>alerts:</c> section.</param>
    /// <param name="templates">The templates holding each sink's template (by default <c>alerts/&lt;type&gt;.json.sbn</c>).</param>
    /// <param name="storePath">The history store file; the outbox lives in it.</param>
    /// <param name="http">The client to post with (its Timeout should exceed <see cref="AlertDispatcherOptions.AttemptTimeout"/>).</param>
    /// <param name="time">The clock (backoff, rate limits, delivery times).</param>
    /// <param name="options">Retry and bounds; defaults when null.</param>
    /// <exception cref="AlertConfigurationException">A sink's template is not in <paramref name="templates"/>.</exception>
    public AlertDispatcher(AlertSettings settings, TemplateSet templates, string storePath, HttpClient http, TimeProvider time, AlertDispatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentException.ThrowIfNullOrEmpty(storePath);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        this.settings = settings;
        this.templates = templates;
        this.storePath = storePath;
        this.time = time;
        this.options = options ?? new AlertDispatcherOptions();
        sender = new AlertSender(http, time, this.options);
        foreach (var sink in settings.Sinks.Where(s => !templates.Contains(s.EffectiveTemplate)))
        {
            throw new AlertConfigurationException(
                $"alerts sink {sink.Name}: template {sink.EffectiveTemplate} not found in {templates.Directory} (available: {string.Join(", ", templates.Names.Where(n => n.StartsWith("alerts/", StringComparison.Ordinal)))}).");
        }
    }

    /// <summary>
    /// Writes the alerts of one recorded scan to the outbox, one row per (sink, finding transition), in one
    /// transaction. Calling it again for the same scan adds nothing. Returns the number of rows added.
    /// </summary>
    /// <param name="report">The scan's report (details: team, remediation, documentation link).</param>
    /// <param name="recorded">What the store recorded: the scan id and the drift holding the transitions.</param>
    /// <param name="cancellationToken">Cancels before anything is written.</param>
    public Task<int> EnqueueAsync(ScanReport report, RecordedScan recorded, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(recorded);
        cancellationToken.ThrowIfCancellationRequested();
        if (settings.Sinks.IsEmpty)
        {
            return Task.FromResult(0);
        }

        using var outbox = AlertOutbox.Open(storePath);
        var scanId = recorded.Scan.Id;
        var firstSeen = outbox.FirstSeen(recorded.Scan.Cluster);
        var items = new List<OutboxItem>();
        foreach (var sink in settings.Sinks)
        {
            foreach (var alert in AlertPlanner.Plan(sink, report, recorded.Drift, scanId, firstSeen))
            {
                items.Add(new OutboxItem(
                    IdempotencyKeys.ForTransition(sink.Name, alert.Fingerprint, alert.Transition, scanId),
                    sink.Name,
                    alert.Fingerprint,
                    alert.Transition,
                    AlertPayloads.Serialize(alert)));
            }
        }

        return Task.FromResult(outbox.Enqueue(scanId, recorded.Scan.Cluster, settings.Sinks.Select(s => s.Name), items, time.GetUtcNow()));
    }

    /// <summary>
    /// Sends what is due, per sink in enqueue order: at most <see cref="AlertDispatcherOptions.MaxMessagesPerRun"/>
    /// messages per sink, stopping at a sink's first failure (its messages wait with exponential backoff) or at its rate
    /// limit. Never throws for a receiver's failure; cancellation leaves undelivered rows pending.
    /// </summary>
    public async Task<AlertDeliveryResult> DeliverPendingAsync(CancellationToken cancellationToken = default)
    {
        if (settings.Sinks.IsEmpty)
        {
            return new AlertDeliveryResult([]);
        }

        using var outbox = AlertOutbox.Open(storePath);
        outbox.PruneDelivered(time.GetUtcNow() - options.KeepDelivered);
        var results = ImmutableArray.CreateBuilder<SinkDeliveryResult>();
        foreach (var sink in settings.Sinks)
        {
            results.Add(await DeliverAsync(outbox, sink, cancellationToken).ConfigureAwait(false));
        }

        return new AlertDeliveryResult(results.ToImmutable());
    }

    /// <summary>Rows of the outbox waiting for delivery, for all sinks or one.</summary>
    public int PendingCount(string? sink = null)
    {
        using var outbox = AlertOutbox.Open(storePath);
        return outbox.PendingCount(sink);
    }

    private async Task<SinkDeliveryResult> DeliverAsync(AlertOutbox outbox, AlertSinkSettings sink, CancellationToken cancellationToken)
    {
        var messages = 0;
        var alerts = 0;
        string? error = null;
        var rateLimited = false;
        SinkEndpoint endpoint;
        try
        {
            endpoint = SinkEndpoint.Resolve(sink);
        }
        catch (AlertConfigurationException ex)
        {
            return new SinkDeliveryResult(sink.Name, 0, 0, outbox.PendingCount(sink.Name), ex.Message, false);
        }

        var max = AlertPayloads.MaxAlertsPerMessage(sink.Type);
        while (messages < options.MaxMessagesPerRun)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = time.GetUtcNow();
            var pending = outbox.Pending(sink.Name, max);
            if (pending.IsEmpty || pending[0].NextAttemptAt > now)
            {
                break;
            }

            if (sink.RateLimit is { } limit && outbox.MessagesDeliveredSince(sink.Name, now - limit.Per) >= limit.Messages)
            {
                rateLimited = true;
                break;
            }

            var batch = sink.GroupPerScan ? [.. pending.TakeWhile(e => e.ScanId == pending[0].ScanId)] : ImmutableArray.Create(pending[0]);
            var ids = batch.Select(e => e.Id).ToList();
            var key = IdempotencyKeys.ForMessage([.. batch.Select(e => e.IdempotencyKey)]);
            string body;
            try
            {
                body = AlertPayloads.Render(templates, sink, [.. batch.Select(e => AlertPayloads.Deserialize(e.Payload))]);
            }
            catch (Exception ex) when (ex is TemplateRenderException or JsonException)
            {
                error = endpoint.Redact($"cannot build the message: {ex.Message}");
                outbox.MarkFailed(ids, now + Backoff(batch[0].Attempts + 1), error);
                break;
            }

            if (!outbox.Claim(ids, now, now + ClaimDuration))
            {
                // Another process is delivering this sink's messages right now.
                break;
            }

            error = await sender.SendAsync(endpoint, body, key, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                outbox.MarkFailed(ids, time.GetUtcNow() + Backoff(batch[0].Attempts + 1), error);
                break;
            }

            outbox.MarkDelivered(ids, key, time.GetUtcNow());
            messages++;
            alerts += batch.Length;
        }

        return new SinkDeliveryResult(sink.Name, messages, alerts, outbox.PendingCount(sink.Name), error, rateLimited);
    }

    /// <summary>How long a claimed message is held: every attempt's timeout and the retry delays between them, with room for jitter.</summary>
    private TimeSpan ClaimDuration =>
        (options.AttemptTimeout * (options.RetriesPerRun + 1) + options.RetryDelay * Math.Pow(2, options.RetriesPerRun + 1)) * 1.5;

    /// <summary>BackoffBase * 2^(failures - 1), at most BackoffMax, times a jitter of 0.8 to 1.2 so many scanners do not retry in step.</summary>
    private TimeSpan Backoff(int failures)
    {
        var exponent = Math.Min(failures - 1, 30);
        var ticks = Math.Min(options.BackoffBase.Ticks * Math.Pow(2, exponent), options.BackoffMax.Ticks);
        var jitter = RandomNumberGenerator.GetInt32(800, 1201) / 1000.0;
        return TimeSpan.FromTicks((long)(ticks * jitter));
    }
}
