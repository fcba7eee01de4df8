using System.Collections.Immutable;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Snapshot.Manifests;

/// <summary>What loading manifests produced: the snapshot, every problem (never thrown), and how much was read.</summary>
public sealed record ManifestLoadResult
{
    /// <summary>
    /// The objects that loaded. When <see cref="Errors"/> is not empty the snapshot also lists each failure in
    /// <see cref="ClusterSnapshot.Missing"/>, so a scan of it is marked incomplete and never looks clean.
    /// </summary>
    public required ClusterSnapshot Snapshot { get; init; }

    /// <summary>Problems that kept a path, file, document or object from loading, in input order.</summary>
    public ImmutableArray<ManifestError> Errors { get; init; } = [];

    /// <summary>Problems that did not stop loading (unknown fields, duplicate keys or objects, empty directories).</summary>
    public ImmutableArray<ManifestWarning> Warnings { get; init; } = [];

    /// <summary>Files read (explicit files and manifest files found below directories).</summary>
    public int FileCount { get; init; }

    /// <summary>Non-empty documents (YAML documents or top-level JSON values) read; empty and <c>null</c> documents are not counted.</summary>
    public int DocumentCount { get; init; }

    /// <summary>Kubernetes objects found, with List items expanded, whether of a mapped or an unknown kind, including any that then failed to load.</summary>
    public int ObjectCount { get; init; }

    public bool HasErrors => !Errors.IsEmpty;
}
