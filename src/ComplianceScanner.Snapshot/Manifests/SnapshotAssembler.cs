using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.Core.Text;
using ComplianceScanner.Snapshot.Mapping;

namespace ComplianceScanner.Snapshot.Manifests;

/// <summary>
/// Merges per-file results, in input order, into one <see cref="ManifestLoadResult"/>: an object defined twice keeps
/// its later definition (as <c>kubectl apply</c> of the same files would) with a warning naming both places, arrays are
/// sorted by namespace and name, every error becomes a <see cref="MissingKind"/>, and the digest is computed.
/// </summary>
internal sealed class SnapshotAssembler
{
    private const string DigestDomain = "compliancescanner/manifest-snapshot/v1\n";

    private readonly Dictionary<ObjectReference, KubeObject> objects = [];

    // Objects without a name cannot be told apart, so none of them replaces another.
    private readonly List<KubeObject> unnamed = [];
    private readonly SortedDictionary<string, int> unknownKinds = new(StringComparer.Ordinal);
    private readonly List<ManifestError> errors = [];
    private readonly List<MissingKind> missing = [];
    private readonly List<ManifestWarning> warnings = [];
    private readonly List<byte[]> hashes = [];
    private int files;
    private int documents;
    private int objectsFound;

    public void AddFile(FileResult file)
    {
        files++;
        documents += file.Documents;
        objectsFound += file.ObjectsFound;
        warnings.AddRange(file.Warnings.Select(Readable));
        hashes.AddRange(file.Hashes);
        foreach (var (error, kind) in file.Errors)
        {
            AddError(error, kind);
        }

        foreach (var (key, count) in file.UnknownKinds)
        {
            unknownKinds[key] = unknownKinds.GetValueOrDefault(key) + count;
        }

        foreach (var obj in file.Objects)
        {
            if (obj.Metadata.Name.Length == 0)
            {
                unnamed.Add(obj);
                continue;
            }

            var reference = obj.Reference;
            if (objects.TryGetValue(reference, out var earlier))
            {
                var source = obj.Metadata.Source;
                warnings.Add(Readable(new ManifestWarning(
                    source.File,
                    source.DocumentIndex,
                    source.Line,
                    $"{reference} is also defined at {Describe(earlier.Metadata.Source)}; this later definition is used, as kubectl apply would leave it")));
            }

            objects[reference] = obj;
        }
    }

    public void AddError(ManifestError error, string? kind = null)
    {
        error = error with { Message = DiagnosticText.Readable(error.Message) };
        errors.Add(error);
        missing.Add(new MissingKind(kind ?? "manifest", error.ToString()));
    }

    public void AddWarning(ManifestWarning warning) => warnings.Add(Readable(warning));

    /// <summary>Messages quote names and keys from the files: those may be huge or carry escape sequences.</summary>
    private static ManifestWarning Readable(ManifestWarning warning) => warning with { Message = DiagnosticText.Readable(warning.Message) };

    public ManifestLoadResult Build(IEnumerable<string> sources)
    {
        var all = objects.Values.Concat(unnamed).ToList();
        var snapshot = SnapshotComposer.Compose(all) with
        {
            UnknownKinds = unknownKinds.ToImmutableSortedDictionary(StringComparer.Ordinal),
            Missing = [.. missing],
            Sources = [.. sources],
            Digest = Digest(),
        };
        return new ManifestLoadResult
        {
            Snapshot = snapshot,
            Errors = [.. errors],
            Warnings = [.. warnings],
            FileCount = files,
            DocumentCount = documents,
            ObjectCount = objectsFound,
        };
    }

    /// <summary>
    /// SHA-256 over the sorted canonical hashes of every object read (Secrets without their data): the same objects
    /// give the same digest whatever the files, their order, formatting or YAML/JSON syntax.
    /// </summary>
    private string Digest()
    {
        hashes.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(DigestDomain));
        foreach (var hash in hashes)
        {
            sha.AppendData(hash);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Describe(SourceLocation source) => source.Line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{source.File}: document {source.DocumentIndex} (line {source.Line})")
        : source.File;
}
