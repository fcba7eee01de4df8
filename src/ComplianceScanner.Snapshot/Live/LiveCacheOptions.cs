namespace ComplianceScanner.Snapshot.Live;

/// <summary>How the watch cache debounces changes and keeps its watches open. Its clock is the source's <see cref="LiveSnapshotOptions.TimeProvider"/>.</summary>
public sealed record LiveCacheOptions
{
    /// <summary>A signal is raised once no change has arrived for this long.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A signal is raised at the latest this long after the first pending change, even while changes keep coming.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the API server keeps one watch open (<c>timeoutSeconds</c>); the cache then resumes from its resourceVersion.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Wait before reopening a watch that failed again right after reopening (doubling per failure, up to
    /// <see cref="MaxReconnectDelay"/>). The first reopen after a dropped connection is immediate.
    /// </summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromMinutes(1);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(QuietPeriod, TimeSpan.Zero, nameof(QuietPeriod));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, QuietPeriod, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(WatchTimeout, TimeSpan.FromSeconds(1), nameof(WatchTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(ReconnectDelay.Ticks, nameof(ReconnectDelay));
    }
}
