using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using ComplianceScanner.Configuration.Binding;
using ComplianceScanner.Configuration.Yaml;
using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Configuration;

/// <summary>
/// Loads scanner.yaml (v1) into <see cref="ScannerConfig"/>. Every problem in the file is reported in one pass, each with
/// file, line, column and field path; the config is returned only when there is no error (warnings are fine).
/// User mistakes never throw.
/// </summary>
public static class ConfigLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and loads a config file; relative paths in it are resolved against the file's directory.</summary>
    /// <param name="path">The file, as given by the user; diagnostics show it as given.</param>
    /// <param name="today">The scan date, to recognise expired exceptions.</param>
    public static ConfigLoadResult LoadFile(string path, DateOnly today)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var diagnostics = new DiagnosticBag(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            diagnostics.FileError(ConfigDiagnosticCodes.FileNotFound, $"config file not found (looked for {Path.GetFullPath(path)}). Hint: pass --config <path>, or create scanner.yaml.");
            return new ConfigLoadResult(null, diagnostics.ToSortedArray());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            diagnostics.FileError(ConfigDiagnosticCodes.FileUnreadable, $"cannot read the config file: {ex.Message}");
            return new ConfigLoadResult(null, diagnostics.ToSortedArray());
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return LoadBytes(bytes, diagnostics, today, baseDirectory);
    }

    /// <summary>Loads the bytes of a config file as <see cref="LoadFile"/> does once it has read them (the fuzz tests call this).</summary>
    internal static ConfigLoadResult LoadBytes(byte[] bytes, string displayPath, DateOnly today, string baseDirectory) =>
        LoadBytes(bytes, new DiagnosticBag(displayPath), today, baseDirectory);

    private static ConfigLoadResult LoadBytes(byte[] bytes, DiagnosticBag diagnostics, DateOnly today, string baseDirectory)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(SkipBom(bytes));
        }
        catch (DecoderFallbackException ex)
        {
            var offset = ex.Index + (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0);
            var line = bytes.AsSpan(0, Math.Max(0, offset)).Count((byte)'\n') + 1;
            diagnostics.FileError(ConfigDiagnosticCodes.InvalidEncoding, $"the file is not valid UTF-8 (first bad byte at offset {offset}, line {line}). Hint: save it as UTF-8.");
            return new ConfigLoadResult(null, diagnostics.ToSortedArray());
        }

        return Load(text, bytes, diagnostics, today, baseDirectory);
    }

    /// <summary>
    /// Loads config text that did not come from a file as such (tests, stdin, an API request).
    /// <see cref="ScannerConfig.Digest"/> is then the SHA-256 of the text's UTF-8 bytes.
    /// </summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="displayPath">What diagnostics and <see cref="ScannerConfig.FilePath"/> call the source.</param>
    /// <param name="today">The scan date, to recognise expired exceptions.</param>
    /// <param name="baseDirectory">Directory for relative paths (<c>source.path</c>); the current directory when null.</param>
    public static ConfigLoadResult LoadText(string yaml, string displayPath, DateOnly today, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(displayPath);
        var bytes = Encoding.UTF8.GetBytes(yaml);
        var text = yaml.Length > 0 && yaml[0] == '\uFEFF' ? yaml[1..] : yaml;
        return Load(text, bytes, new DiagnosticBag(displayPath), today, Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory()));
    }

    private static ConfigLoadResult Load(string text, byte[] bytes, DiagnosticBag diagnostics, DateOnly today, string baseDirectory)
    {
        var config = new ScannerConfig();
        if (YamlDocumentReader.Read(text, diagnostics) is { } root)
        {
            config = ScannerConfigBinder.Bind(root, new BindingContext(new NodeReader(diagnostics), today, baseDirectory));
        }

        config = config with
        {
            Digest = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            FilePath = diagnostics.File,
        };
        return new ConfigLoadResult(diagnostics.HasErrors ? null : config, diagnostics.ToSortedArray());
    }

    /// <summary>
    /// Reads exceptions kept in the cluster: a YAML list in the same form as scanner.yaml's <c>exceptions:</c>, e.g.
    /// the <c>exceptions.yaml</c> key of the security layer's ConfigMap. Every problem is reported with
    /// <paramref name="displayPath"/> and its line; entries with problems are left out (the findings they would
    /// except stay open, which is the safe side).
    /// </summary>
    public static (ImmutableArray<ExceptionEntry> Exceptions, ImmutableArray<ConfigDiagnostic> Diagnostics) LoadExceptions(string yaml, string displayPath, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(displayPath);
        var diagnostics = new DiagnosticBag(displayPath);
        var exceptions = ImmutableArray<ExceptionEntry>.Empty;
        if (YamlDocumentReader.Read(yaml, diagnostics) is { } root)
        {
            var bound = ExceptionsSection.Bind(new BindingContext(new NodeReader(diagnostics), today, Directory.GetCurrentDirectory()), root, "exceptions", new ScannerConfig());
            exceptions = [.. bound.Exceptions.Select(e => e with { Source = displayPath })];
        }

        return (exceptions, diagnostics.ToSortedArray());
    }

    private static ReadOnlySpan<byte> SkipBom(byte[] bytes) =>
        bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(3) : bytes;
}
