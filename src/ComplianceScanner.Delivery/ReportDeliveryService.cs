using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.History;
using ComplianceScanner.History.Deliveries;
using ComplianceScanner.Rendering;
using MimeKit;
using Polly;
using Polly.Retry;

namespace ComplianceScanner.Delivery;

/// <summary>
/// Delivers a schedule's reports for one window, once. For each audience (the security layer, each team with e-mail
/// contacts, or the named recipients) it builds the audience's message, claims the (schedule, audience, window) row in
/// the history store, sends, and marks it sent after the server accepted it. A second replica or a restart finds the
/// row and sends nothing; a sender that died between acceptance and the mark is replaced after its lease, sending the
/// stored message again with the same Message-ID; a refused message is retried with backoff (<see cref="RetryDueAsync"/>).
/// </summary>
/// <remarks>
/// Entry points: the agent's Quartz job calls <see cref="RunAsync"/> with the trigger's fire time as the window and
/// <see cref="RetryDueAsync"/> every minute or so; <c>compliance-scanner report send</c> calls <see cref="RunAsync"/> once.
/// The API lists deliveries with <see cref="Deliveries"/> and <see cref="PendingCount"/>. Not thread-safe per instance.
/// </remarks>
public sealed class ReportDeliveryService : IDisposable
{
    private readonly ScannerConfig config;
    private readonly ReportSettings settings;
    private readonly string storePath;
    private readonly IReportSource source;
    private readonly ReportDeliveryOptions options;
    private readonly IMailTransport transport;
    private readonly ReportMessageBuilder builder;
    private readonly ResiliencePipeline pipeline;

    /// <summary>Creates the service for the <c>reports:</c> section of <paramref name="config"/>.</summary>
    /// <exception cref="ReportDeliveryException">scanner.yaml has no <c>reports:</c> section.</exception>
    public ReportDeliveryService(ScannerConfig config, string storePath, TemplateSet templates, IReportSource source, ReportDeliveryOptions? options = null)
    {
        this.config = config ?? throw new ArgumentNullException(nameof(config));
        settings = config.Reports ?? throw new ReportDeliveryException($"{DisplayFile(config)}: no reports: section, so there is no schedule to deliver. Hint: see docs/reports.md.");
        ArgumentException.ThrowIfNullOrEmpty(storePath);
        ArgumentNullException.ThrowIfNull(templates);
        this.storePath = storePath;
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        this.options = options ?? new ReportDeliveryOptions();
        transport = this.options.Transport ?? new SmtpMailTransport(settings.Smtp);
        builder = new ReportMessageBuilder(settings, templates);
        Metrics = new DeliveryMetrics(this.options.MeterFactory);
        var resilience = new ResiliencePipelineBuilder { TimeProvider = this.options.Time };
        if (this.options.RetryAttempts > 0)
        {
            resilience.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<MailTransportException>(),
                MaxRetryAttempts = this.options.RetryAttempts,
                Delay = this.options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
            });
        }

        pipeline = resilience.Build();
    }

    /// <summary>The counters (meter <see cref="DeliveryMetrics.MeterName"/>).</summary>
    public DeliveryMetrics Metrics { get; }

    /// <summary>
    /// Delivers schedule <paramref name="scheduleName"/>'s reports for the window starting at <paramref name="windowStart"/>
    /// from the latest recorded scan. Audiences already delivered for the window are left alone.
    /// </summary>
    /// <exception cref="ReportDeliveryException">No schedule of that name.</exception>
    /// <exception cref="HistoryStoreException">The store cannot be read or written.</exception>
    /// <exception cref="TemplateRenderException">The e-mail or a report template fails.</exception>
    public async Task<ReportDeliveryResult> RunAsync(string scheduleName, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduleName);
        var schedule = settings.Schedules.FirstOrDefault(s => string.Equals(s.Name, scheduleName, StringComparison.Ordinal))
            ?? throw new ReportDeliveryException($"{DisplayFile(config)}: no report schedule named '{scheduleName}' in reports.schedules (configured: {(settings.Schedules.IsEmpty ? "none" : string.Join(", ", settings.Schedules.Select(s => s.Name)))}).");
        var window = windowStart.ToUniversalTime();
        var latest = await source.LatestAsync(cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            return new ReportDeliveryResult(schedule.Name, window, null, []);
        }

        using var deliveries = ReportDeliveryStore.Open(storePath);
        var results = ImmutableArray.CreateBuilder<AudienceDeliveryResult>();
        foreach (var target in ReportAudienceTarget.Of(schedule, config))
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(await DeliverAsync(deliveries, schedule, target, latest, window, cancellationToken).ConfigureAwait(false));
        }

        return new ReportDeliveryResult(schedule.Name, window, latest.ScanId, results.ToImmutable());
    }

    /// <summary>Sends every pending delivery whose next attempt is due (refused earlier, or left by a sender that died).</summary>
    public async Task<ImmutableArray<AudienceDeliveryResult>> RetryDueAsync(CancellationToken cancellationToken)
    {
        using var deliveries = ReportDeliveryStore.Open(storePath);
        var results = ImmutableArray.CreateBuilder<AudienceDeliveryResult>();
        foreach (var row in deliveries.ClaimDue(options.Time.GetUtcNow(), options.Lease, limit: 100))
        {
            results.Add(await SendAsync(deliveries, row, cancellationToken).ConfigureAwait(false));
        }

        return results.ToImmutable();
    }

    /// <summary>The deliveries in the store (newest window first), for the API: state, attempts, next attempt, last error.</summary>
    public ImmutableArray<ReportDelivery> Deliveries(string? schedule = null, int limit = 100)
    {
        using var deliveries = ReportDeliveryStore.Open(storePath);
        return deliveries.List(schedule, limit);
    }

    /// <summary>How many deliveries wait to be sent.</summary>
    public int PendingCount()
    {
        using var deliveries = ReportDeliveryStore.Open(storePath);
        return deliveries.PendingCount();
    }

    public void Dispose() => Metrics.Dispose();

    private static string DisplayFile(ScannerConfig config) => config.FilePath.Length == 0 ? "scanner.yaml" : config.FilePath;

    private async Task<AudienceDeliveryResult> DeliverAsync(
        ReportDeliveryStore deliveries, ReportSchedule schedule, ReportAudienceTarget target, LatestReport latest, DateTimeOffset window, CancellationToken ct)
    {
        var messageId = MessageIds.For(config.ClusterName, schedule.Name, target.Key, window);
        var now = options.Time.GetUtcNow();
        if (deliveries.Find(schedule.Name, target.Key, window) is { } existing)
        {
            if (existing.State != ReportDeliveryState.Pending)
            {
                return new(target.Key, AudienceDeliveryOutcome.AlreadyDelivered, existing.MessageId);
            }

            return deliveries.TakeOver(schedule.Name, target.Key, window, now, options.Lease) is { } taken
                ? await SendAsync(deliveries, taken, ct).ConfigureAwait(false)
                : new(target.Key, AudienceDeliveryOutcome.Pending, existing.MessageId, existing.LastError);
        }

        var report = target.Team is { } team ? ReportFilter.ForTeam(latest.Report, team) : latest.Report;
        var last = deliveries.LastDelivered(schedule.Name, target.Key, window);
        var (changes, since) = Changes(last, latest, report, target);
        if (schedule.SkipWhenUnchanged && last is not null && changes is not null && Unchanged(changes, schedule.Content))
        {
            deliveries.RecordSkipped(schedule.Name, target.Key, window, messageId, latest.ScanId, now);
            Metrics.Skipped.Add(1, DeliveryMetrics.Tags(schedule.Name, target.Key));
            return new(target.Key, AudienceDeliveryOutcome.Skipped, messageId);
        }

        var message = builder.Build(new ReportMessageRequest(schedule, target, latest.ScanId, report, changes, since, window, messageId, now));
        var claim = deliveries.Claim(
            new NewReportDelivery(schedule.Name, target.Key, window, messageId, latest.ScanId, target.Recipients, Bytes(message)),
            now,
            options.Lease);
        return claim.Claimed
            ? await SendAsync(deliveries, claim.Delivery, ct).ConfigureAwait(false)
            : claim.Delivery.State == ReportDeliveryState.Pending
                ? new(target.Key, AudienceDeliveryOutcome.Pending, claim.Delivery.MessageId, claim.Delivery.LastError)
                : new(target.Key, AudienceDeliveryOutcome.AlreadyDelivered, claim.Delivery.MessageId);
    }

    /// <summary>
    /// What changed for the audience since its last report: the drift from that report's scan to this one. For its first
    /// report, the drift since the previous scan; when the last report's scan was pruned, the same.
    /// </summary>
    private (ReportDrift? Changes, DateTimeOffset? Since) Changes(ReportDelivery? last, LatestReport latest, ScanReport report, ReportAudienceTarget target)
    {
        ReportDrift? sinceLastScan = report.Drift is { Previous: not null } d ? d : null;
        if (last is null)
        {
            return (sinceLastScan, null);
        }

        ReportDrift drift;
        try
        {
            using var store = ScanStore.OpenExisting(storePath);
            var scan = store.GetScan(last.ScanId);
            drift = last.ScanId == latest.ScanId
                ? new ReportDrift { ScanId = latest.ScanId, Previous = new ReportDriftBaseline(scan.Id, scan.StartedAt, scan.FinishedAt) }
                : DriftReportBuilder.Build(store.Compare(last.ScanId, latest.ScanId));
        }
        catch (HistoryStoreException)
        {
            // Retention removed the last report's scan: the previous scan is the best baseline left.
            return (sinceLastScan, null);
        }

        var filtered = target.Team is { } team
            ? ReportFilter.ForTeam(drift, team, report.Teams.FirstOrDefault(), report.Findings.Select(f => f.Id).ToHashSet(StringComparer.Ordinal))
            : drift;
        return (filtered, drift.Previous?.FinishedAt);
    }

    private static bool Unchanged(ReportDrift changes, ReportContent content) =>
        changes.New.IsEmpty && changes.Reopened.IsEmpty && (content == ReportContent.NewFindings || (changes.Resolved.IsEmpty && changes.Excepted.IsEmpty));

    private async Task<AudienceDeliveryResult> SendAsync(ReportDeliveryStore deliveries, ReportDelivery row, CancellationToken ct)
    {
        var tags = DeliveryMetrics.Tags(row.Schedule, row.Audience);
        var bytes = ImmutableCollectionsMarshal.AsArray(row.Message) ?? [];
        using var stream = new MemoryStream(bytes, writable: false);
        using var message = await MimeMessage.LoadAsync(stream, ct).ConfigureAwait(false);
        var sender = MailboxAddress.Parse(settings.Smtp.From);
        ImmutableArray<MailboxAddress> recipients = [.. row.Recipients.Select(MailboxAddress.Parse)];
        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    try
                    {
                        await transport.SendAsync(message, sender, recipients, token).ConfigureAwait(false);
                    }
                    catch (MailTransportException)
                    {
                        Metrics.Failed.Add(1, tags);
                        throw;
                    }
                },
                ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MailTransportException or ReportDeliveryException)
        {
            if (ex is ReportDeliveryException)
            {
                Metrics.Failed.Add(1, tags);
            }

            var wait = TimeSpan.FromTicks(Math.Min(options.MaxBackoff.Ticks, options.Backoff.Ticks * (1L << Math.Min(row.Attempts, 20))));
            deliveries.MarkFailed(row.Id, options.Time.GetUtcNow() + wait, ex.Message);
            return new(row.Audience, AudienceDeliveryOutcome.Failed, row.MessageId, ex.Message);
        }

        if (options.AfterAccepted is { } hook)
        {
            await hook(row).ConfigureAwait(false);
        }

        deliveries.MarkSent(row.Id, options.Time.GetUtcNow());
        Metrics.Sent.Add(1, tags);
        return new(row.Audience, AudienceDeliveryOutcome.Sent, row.MessageId);
    }

    private static ImmutableArray<byte> Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return ImmutableCollectionsMarshal.AsImmutableArray(stream.ToArray());
    }
}
