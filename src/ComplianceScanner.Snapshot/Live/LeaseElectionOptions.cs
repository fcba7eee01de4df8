namespace ComplianceScanner.Snapshot.Live;

/// <summary>Which Lease replicas compete for, who this replica is, and the client-go timings (retry &lt; renew deadline &lt; lease duration).</summary>
public sealed record LeaseElectionOptions
{
    public required string LeaseNamespace { get; init; }

    public required string LeaseName { get; init; }

    /// <summary>This replica's name in the Lease's <c>holderIdentity</c> (the pod name in a cluster); unique per replica.</summary>
    public required string Identity { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
