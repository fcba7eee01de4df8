using System.Collections.Immutable;

namespace ComplianceScanner.Alerting;

/// <summary>What one <see cref="AlertDispatcher.DeliverPendingAsync"/> run did, per sink.</summary>
public sealed record AlertDeliveryResult(ImmutableArray<SinkDeliveryResult> Sinks)
{
    public int Messages => Sinks.Sum(s => s.Messages);

    public int Alerts => Sinks.Sum(s => s.Alerts);

    public int Pending => Sinks.Sum(s => s.Pending);

    /// <summary>One line for a log or terminal, e.g. "alerts: 3 sent in 2 messages; 0 waiting".</summary>
    public string Summary()
    {
        var line = $"alerts: {Alerts} sent in {Messages} message(s); {Pending} waiting";
        foreach (var sink in Sinks.Where(s => s.Error is not null || s.RateLimited))
        {
            line += $"\n  sink {sink.Sink}: {(sink.RateLimited ? "rate limit reached, the rest waits" : sink.Error)}";
        }

        return line;
    }
}
