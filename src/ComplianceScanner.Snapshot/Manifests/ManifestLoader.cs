using ComplianceScanner.Snapshot.Manifests.Parsing;

namespace ComplianceScanner.Snapshot.Manifests;

/// <summary>
/// The offline snapshot source: reads Kubernetes manifests (multi-document YAML, JSON, <c>kind: List</c> and typed
/// <c>*List</c> output of <c>kubectl get -o yaml|json</c>) from files and directories into an immutable
/// <see cref="Core.Snapshot.ClusterSnapshot"/>. Problems are returned, never thrown: a missing path, an unreadable
/// file, a syntax error or a malformed object is an error naming file, document and line, and everything else still loads.
/// Thread-safe; files are read in parallel and merged in input order.
/// </summary>
public sealed class ManifestLoader
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    private readonly int maxParallelism;

    /// <summary>A loader that reads files on all cores.</summary>
    public ManifestLoader()
        : this(Environment.ProcessorCount)
    {
    }

    /// <summary>A loader that reads at most <paramref name="maxParallelism"/> files at once (1: one after the other).</summary>
    public ManifestLoader(int maxParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        this.maxParallelism = maxParallelism;
    }

    /// <summary>
    /// Loads files and directories. A directory is searched recursively for <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c>
    /// (files in ordinal path order); a file named explicitly is read whatever its extension.
    /// </summary>
    public ManifestLoadResult Load(IEnumerable<string> paths, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var given = paths.ToList();
        var assembler = new SnapshotAssembler();
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in given)
        {
            foreach (var file in Expand(path, assembler))
            {
                if (seen.Add(Path.GetFullPath(file)))
                {
                    files.Add(file);
                }
            }
        }

        foreach (var result in ProcessAll(files, (file, processor) => ReadFile(file, processor, ct), ct))
        {
            assembler.AddFile(result);
        }

        return assembler.Build(given);
    }

    /// <summary>Loads manifest text (an embedded demo resource, a test fixture); <paramref name="displayPath"/> names it in sources and messages.</summary>
    public ManifestLoadResult LoadText(string content, string displayPath) => LoadMany([(content, displayPath)]);

    /// <summary>Loads several texts as if they were files, in the order given.</summary>
    public ManifestLoadResult LoadMany(IEnumerable<(string Content, string DisplayPath)> documents, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var inputs = documents.ToList();
        foreach (var (content, displayPath) in inputs)
        {
            ArgumentNullException.ThrowIfNull(content);
            ArgumentNullException.ThrowIfNull(displayPath);
        }

        var assembler = new SnapshotAssembler();
        foreach (var result in ProcessAll(inputs, (input, processor) => processor.Process(input.DisplayPath, sink => DocumentReader.Read(input.Content, sink, ct), ct), ct))
        {
            assembler.AddFile(result);
        }

        return assembler.Build(inputs.Select(i => i.DisplayPath));
    }

    /// <summary>Loads file contents as <see cref="Load"/> reads them (any encoding with a byte order mark, else UTF-8); the fuzz tests call this.</summary>
    internal ManifestLoadResult LoadBytes(IEnumerable<(byte[] Content, string DisplayPath)> files, CancellationToken ct = default)
    {
        var inputs = files.ToList();
        var assembler = new SnapshotAssembler();
        foreach (var result in ProcessAll(inputs, (input, processor) => processor.Process(input.DisplayPath, sink => DocumentReader.Read(input.Content, sink, ct), ct), ct))
        {
            assembler.AddFile(result);
        }

        return assembler.Build(inputs.Select(i => i.DisplayPath));
    }

    /// <summary>Processes inputs in parallel (one processor per worker) and returns the results in input order.</summary>
    private FileResult[] ProcessAll<T>(List<T> inputs, Func<T, ManifestFileProcessor, FileResult> process, CancellationToken ct)
    {
        var results = new FileResult[inputs.Count];
        if (maxParallelism == 1 || inputs.Count <= 1)
        {
            using var processor = new ManifestFileProcessor();
            for (var i = 0; i < inputs.Count; i++)
            {
                results[i] = process(inputs[i], processor);
            }

            return results;
        }

        Parallel.For(
            0,
            inputs.Count,
            new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = maxParallelism },
            () => new ManifestFileProcessor(),
            (i, _, processor) =>
            {
                results[i] = process(inputs[i], processor);
                return processor;
            },
            processor => processor.Dispose());
        return results;
    }

    private static FileResult ReadFile(string file, ManifestFileProcessor processor, CancellationToken ct)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var failed = new FileResult();
            failed.Errors.Add((new ManifestError(file, -1, 0, "cannot read the file: " + ex.Message), null));
            return failed;
        }

        return processor.Process(file, sink => DocumentReader.Read(bytes, sink, ct), ct);
    }

    private static List<string> Expand(string path, SnapshotAssembler assembler)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            assembler.AddError(new ManifestError(path, -1, 0, "no such file or directory"));
            return [];
        }

        try
        {
            var options = new EnumerationOptions
            {
                RecurseSubdirectories = true,
                AttributesToSkip = 0,
                IgnoreInaccessible = false,
                MatchType = MatchType.Simple,
            };
            var found = Directory.EnumerateFiles(path, "*", options)
                .Where(f => ManifestExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (found.Count == 0)
            {
                assembler.AddWarning(new ManifestWarning(path, -1, 0, "the directory holds no *.yaml, *.yml or *.json files"));
            }

            return found;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            assembler.AddError(new ManifestError(path, -1, 0, "cannot list the directory: " + ex.Message));
            return [];
        }
    }
}
