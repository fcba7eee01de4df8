using System.Collections.Immutable;

namespace ComplianceScanner.History.Deliveries;

/// <summary>A row of the report deliveries table: one (schedule, audience, window) and how its message fared.</summary>
public sealed record ReportDelivery
{
    public required long Id { get; init; }

    public required string Schedule { get; init; }

    /// <summary><c>security</c>, <c>recipients</c> or <c>team:NAME</c>.</summary>
    public required string Audience { get; init; }

    public required DateTimeOffset WindowStart { get; init; }

    /// <summary>The Message-ID header value without angle brackets; the same on every attempt.</summary>
    public required string MessageId { get; init; }

    /// <summary>The scan the report was built from; the baseline of the audience's next digest.</summary>
    public required long ScanId { get; init; }

    public required ReportDeliveryState State { get; init; }

    public ImmutableArray<string> Recipients { get; init; } = [];

    /// <summary>The rendered MIME message (empty for skipped rows and in listings).</summary>
    public ImmutableArray<byte> Message { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Failed send attempts so far.</summary>
    public int Attempts { get; init; }

    public required DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>The last send error (never contains credentials); null after success.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? SentAt { get; init; }
}
