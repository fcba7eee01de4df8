using System.Diagnostics.Metrics;

namespace ComplianceScanner.Delivery;

/// <summary>
/// The delivery counters, on the meter <see cref="MeterName"/>: messages sent, send attempts failed (each one, so a
/// server that refuses mail shows up at once), and windows skipped because nothing changed. Tags: schedule, audience.
/// </summary>
public sealed class DeliveryMetrics : IDisposable
{
    public const string MeterName = "ComplianceScanner.Delivery";

    private readonly Meter meter;
    private readonly bool ownsMeter;

    /// <summary>Creates the meter from <paramref name="factory"/> (the agent's, so it is exported), or a standalone meter.</summary>
    public DeliveryMetrics(IMeterFactory? factory = null)
    {
        ownsMeter = factory is null;
        meter = factory?.Create(new MeterOptions(MeterName)) ?? new Meter(MeterName);
        Sent = meter.CreateCounter<long>("compliancescanner.reports.sent", "{message}", "Report e-mails the mail server accepted.");
        Failed = meter.CreateCounter<long>("compliancescanner.reports.send_failures", "{attempt}", "Report e-mail send attempts that failed (retried with backoff).");
        Skipped = meter.CreateCounter<long>("compliancescanner.reports.skipped", "{window}", "Report windows skipped because nothing changed for the audience.");
    }

    public Counter<long> Sent { get; }

    public Counter<long> Failed { get; }

    public Counter<long> Skipped { get; }

    public void Dispose()
    {
        if (ownsMeter)
        {
            meter.Dispose();
        }
    }

    internal static KeyValuePair<string, object?>[] Tags(string schedule, string audience) =>
        [new("schedule", schedule), new("audience", audience)];
}
