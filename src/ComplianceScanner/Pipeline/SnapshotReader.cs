using System.Collections.Immutable;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.Pipeline;

/// <summary>The Snapshot stage's reading, shared by <c>scan</c> and the queries: manifests in, snapshot and unreadable documents out.</summary>
internal static class SnapshotReader
{
    public static (ClusterSnapshot Snapshot, ImmutableArray<string> Errors) Read(SnapshotInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var loader = new ManifestLoader();
        var result = input.Paths.Count > 0 ? loader.Load(input.Paths, ct) : loader.LoadMany(input.Documents, ct);

        // The loader records each unreadable document in Snapshot.Missing too, so a scan is marked incomplete.
        return (result.Snapshot, [.. result.Errors.Select(e => e.ToString())]);
    }
}
