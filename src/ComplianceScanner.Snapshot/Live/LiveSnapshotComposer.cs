using System.Security.Cryptography;
using System.Text;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.Snapshot.Mapping;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>Builds a live <see cref="ClusterSnapshot"/>: sorted objects, the missing kinds, the server as source, and a digest.</summary>
internal static class LiveSnapshotComposer
{
    private const string DigestDomain = "compliancescanner/live-snapshot/v1\n";

    public static ClusterSnapshot Compose(string serverUrl, IReadOnlyCollection<KubeObject> objects, IEnumerable<MissingKind> missing) =>
        SnapshotComposer.Compose(objects) with
        {
            Missing = [.. missing],
            Sources = [serverUrl],
            Digest = Digest(objects),
        };

    /// <summary>
    /// SHA-256 over each object's kind, namespace/name, uid and resourceVersion, sorted: the API server changes the
    /// resourceVersion with every write, so the same cluster state gives the same digest and any change a different one.
    /// </summary>
    private static string Digest(IEnumerable<KubeObject> objects)
    {
        var lines = objects
            .Select(o => $"{o.Kind}\t{o.Metadata.QualifiedName}\t{o.Metadata.Uid}\t{o.Metadata.ResourceVersion}\n")
            .Order(StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(DigestDomain));
        foreach (var line in lines)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(line));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
