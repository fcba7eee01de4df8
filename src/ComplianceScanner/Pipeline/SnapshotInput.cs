namespace ComplianceScanner.Pipeline;

/// <summary>Where the Snapshot stage reads from: manifest paths, in-memory documents (the bundled demo), or a live cluster.</summary>
internal sealed record SnapshotInput(IReadOnlyList<string> Paths, IReadOnlyList<(string Content, string DisplayPath)> Documents)
{
    /// <summary>The cluster to read through its API server, instead of manifests.</summary>
    public ClusterInput? Cluster { get; init; }

    public static SnapshotInput FromPaths(IReadOnlyList<string> paths) => new(paths, []);

    public static SnapshotInput FromDocuments(IReadOnlyList<(string Content, string DisplayPath)> documents) => new([], documents);

    public static SnapshotInput FromCluster(ClusterInput cluster) => new([], []) { Cluster = cluster };
}
