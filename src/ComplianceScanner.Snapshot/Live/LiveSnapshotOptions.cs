namespace ComplianceScanner.Snapshot.Live;

/// <summary>How the live snapshot reads the API server: page size, retry budget, relists, and the clock retries wait on.</summary>
public sealed record LiveSnapshotOptions
{
    /// <summary>Objects per list page (<c>limit</c>); the API server may return fewer.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Retries of one request after a 429, a 5xx, a timeout or a connection failure.</summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>Retries allowed over one whole read (every kind and page together); past it, failures are final.</summary>
    public int RetryBudget { get; init; } = 50;

    /// <summary>First backoff delay; it doubles (with jitter) per retry of the same request.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest single wait, also the cap on a server's Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often one kind's list is restarted after its continue token expired (410 Gone) before giving up on that kind.</summary>
    public int MaxRelists { get; init; } = 3;

    /// <summary>Timeout of one request (a list page), applied to clients the factories create.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock backoff delays wait on; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetryAttempts, nameof(MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfNegative(RetryBudget, nameof(RetryBudget));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRelists, nameof(MaxRelists));
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
