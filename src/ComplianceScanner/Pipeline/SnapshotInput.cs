namespace ComplianceScanner.Pipeline;

/// <summary>Where the Snapshot stage reads from: manifest paths, or in-memory documents (the bundled demo).</summary>
internal sealed record SnapshotInput(IReadOnlyList<string> Paths, IReadOnlyList<(string Content, string DisplayPath)> Documents)
{
    public static SnapshotInput FromPaths(IReadOnlyList<string> paths) => new(paths, []);

    public static SnapshotInput FromDocuments(IReadOnlyList<(string Content, string DisplayPath)> documents) => new([], documents);
}
