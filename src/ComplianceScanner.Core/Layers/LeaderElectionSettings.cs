namespace ComplianceScanner.Core.Layers;

/// <summary>
/// <c>agent.leaderElection</c>: several agent replicas hold a Kubernetes Lease so that only one schedules and scans.
/// The holder renews the lease every <see cref="RetryPeriod"/> and gives up leading when it could not renew within
/// <see cref="RenewDeadline"/>; another replica takes over once the lease has not been renewed for <see cref="LeaseDuration"/>.
/// </summary>
public sealed record LeaderElectionSettings
{
    public const string DefaultLeaseName = "compliance-scanner";

    public static LeaderElectionSettings Default { get; } = new();

    public bool Enabled { get; init; }

    public string LeaseName { get; init; } = DefaultLeaseName;

    /// <summary>The Lease's namespace; null: the pod's namespace (<c>POD_NAMESPACE</c>), else <c>default</c>.</summary>
    public string? LeaseNamespace { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
