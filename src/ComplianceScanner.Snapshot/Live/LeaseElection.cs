using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// Leader election among agent replicas with KubernetesClient's <see cref="LeaderElector"/> over a
/// <c>coordination.k8s.io/v1</c> Lease, through the same client (and credentials) the snapshot reads with. It lives
/// here because this project is the only one that references KubernetesClient.
/// </summary>
public sealed class LeaseElection : IDisposable
{
    private readonly LeaderElector elector;

    public LeaseElection(LiveSnapshotSource source, LeaseElectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var leaseLock = new LeaseLock(source.Client, options.LeaseNamespace, options.LeaseName, options.Identity);
        elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        });
        elector.OnStartedLeading += () => StartedLeading?.Invoke();
        elector.OnStoppedLeading += () => StoppedLeading?.Invoke();
        elector.OnNewLeader += leader => NewLeader?.Invoke(leader);
        elector.OnError += e => Error?.Invoke(e);
    }

    /// <summary>Raised (on the election's thread) when this replica has acquired the Lease.</summary>
    public event Action? StartedLeading;

    /// <summary>Raised when this replica could not renew the Lease within the renew deadline, or the election stops.</summary>
    public event Action? StoppedLeading;

    /// <summary>Raised when a different holder is observed, including the first one.</summary>
    public event Action<string>? NewLeader;

    /// <summary>Raised when reading or writing the Lease failed (the election keeps retrying).</summary>
    public event Action<Exception>? Error;

    public LeaseElectionOptions Options { get; }

    public bool IsLeader => elector.IsLeader();

    /// <summary>The holder last observed, or null before the Lease was read.</summary>
    public string? Leader => elector.GetLeader();

    /// <summary>Competes for the Lease until cancelled: acquires it, renews it, and competes again after losing it.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => elector.RunAndTryToHoldLeadershipForeverAsync(cancellationToken);

    public void Dispose() => elector.Dispose();
}
