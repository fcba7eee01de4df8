using System.Collections.Immutable;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>What one live read produced: the snapshot, where each kind's consistent list was taken, and what it cost.</summary>
public sealed record LiveSnapshotResult
{
    /// <summary>
    /// The objects read. A kind that could not be read (403, or failures past the retry budget) is listed in
    /// <see cref="ClusterSnapshot.Missing"/> with the reason and the permission it needs, so a scan of it is incomplete.
    /// </summary>
    public required ClusterSnapshot Snapshot { get; init; }

    /// <summary>The API server URL, as the snapshot's source.</summary>
    public required string ServerUrl { get; init; }

    /// <summary>
    /// For each kind read, the resourceVersion its (consistent, possibly paginated) list was served at, by qualified
    /// resource (<c>secrets</c>, <c>rolebindings.rbac.authorization.k8s.io</c>). A watch resumes from it.
    /// </summary>
    public ImmutableSortedDictionary<string, string> ResourceVersions { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Optional kinds the API server does not serve (discovery), by qualified resource; not a gap in the scan.</summary>
    public ImmutableArray<string> NotServed { get; init; } = [];

    /// <summary>Objects that mapped with a remark (e.g. a binding's roleRef of an invalid kind), as <c>k8s://...: message</c>.</summary>
    public ImmutableArray<string> Warnings { get; init; } = [];

    /// <summary>Requests repeated after a 429, 5xx, timeout or connection failure.</summary>
    public int Retries { get; init; }

    /// <summary>Lists restarted from scratch after their continue token expired (410 Gone).</summary>
    public int Relists { get; init; }

    /// <summary>API requests that failed (each retried attempt counts), for metrics.</summary>
    public int ApiErrors { get; init; }
}
