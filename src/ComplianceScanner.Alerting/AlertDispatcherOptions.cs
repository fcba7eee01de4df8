namespace ComplianceScanner.Alerting;

/// <summary>How hard <see cref="AlertDispatcher"/> tries within one run and how long it waits between runs.</summary>
public sealed record AlertDispatcherOptions
{
    /// <summary>Immediate retries of a failed message within one run (exponential with jitter), before it waits for a later run.</summary>
    public int RetriesPerRun { get; init; } = 2;

    /// <summary>The first in-run retry delay; each next one doubles (with jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>One HTTP attempt is abandoned after this long.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>After a run's attempts fail, the message waits this long times 2^(failed runs - 1), with ±20% jitter...</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>... but never longer than this, so a receiver that comes back gets its alerts within this time.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many messages per sink per run (the run stays bounded however long the backlog).</summary>
    public int MaxMessagesPerRun { get; init; } = 100;

    /// <summary>Delivered rows are kept this long (rate limiting and inspection), then deleted.</summary>
    public TimeSpan KeepDelivered { get; init; } = TimeSpan.FromDays(30);
}
