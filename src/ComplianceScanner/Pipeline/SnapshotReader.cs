using System.Collections.Immutable;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.Pipeline;

/// <summary>The Snapshot stage's reading, shared by <c>scan</c> and the queries: manifests in, snapshot and unreadable documents out.</summary>
internal static class SnapshotReader
{
    /// <summary>
    /// Reads the input. Documents that could not be read are returned as messages and recorded in
    /// <see cref="ClusterSnapshot.Missing"/>, because the objects in them were not seen.
    /// </summary>
    public static (ClusterSnapshot Snapshot, ImmutableArray<string> Errors) Read(SnapshotInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var loader = new ManifestLoader();
        var result = input.Paths.Count > 0 ? loader.Load(input.Paths, ct) : loader.LoadMany(input.Documents, ct);
        var errors = result.Errors.Select(e => e.ToString()).ToImmutableArray();
        var snapshot = result.Snapshot;
        if (!errors.IsEmpty)
        {
            snapshot = snapshot with
            {
                Missing = snapshot.Missing.Add(new MissingKind(
                    "manifests",
                    $"{errors.Length} document(s) could not be read; first: {errors[0]}")),
            };
        }

        return (snapshot, errors);
    }
}
