using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Snapshot.Manifests;

/// <summary>Everything one file contributed, kept apart per file so files can be read in parallel and merged in order.</summary>
internal sealed class FileResult
{
    public List<KubeObject> Objects { get; } = [];

    public Dictionary<string, int> UnknownKinds { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors, each with the kind of the object that failed when that is known.</summary>
    public List<(ManifestError Error, string? Kind)> Errors { get; } = [];

    public List<ManifestWarning> Warnings { get; } = [];

    /// <summary>Canonical hashes of the objects read, for the snapshot digest.</summary>
    public List<byte[]> Hashes { get; } = [];

    public int Documents { get; set; }

    public int ObjectsFound { get; set; }
}
