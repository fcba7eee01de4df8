namespace ComplianceScanner.History.Outbox;

/// <summary>A row of the alert outbox with its delivery state.</summary>
public sealed record OutboxEntry
{
    public required long Id { get; init; }

    public required string IdempotencyKey { get; init; }

    public required string Sink { get; init; }

    public required long ScanId { get; init; }

    public required string Cluster { get; init; }

    public required string Fingerprint { get; init; }

    public required string Transition { get; init; }

    public required string Payload { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Failed delivery attempts so far (persisted across runs and restarts).</summary>
    public int Attempts { get; init; }

    /// <summary>Not to be sent before this time (exponential backoff after failures).</summary>
    public required DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>The last failure, already redacted by the sender.</summary>
    public string? LastError { get; init; }

    /// <summary>When the receiver accepted it; null while pending.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }
}
