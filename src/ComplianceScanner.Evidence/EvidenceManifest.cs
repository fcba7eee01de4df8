using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace ComplianceScanner.Evidence;

/// <summary>
/// <c>manifest.json</c>: what the bundle is (scan, scanner, ruleset), the bundle it chains to, the fingerprint of the
/// key that signs it, and every other file with its size and SHA-256. <c>manifest.sig</c> signs its exact bytes.
/// </summary>
public sealed record EvidenceManifest
{
    /// <summary>The manifest format this scanner writes and reads.</summary>
    public const string CurrentFormat = "compliancescanner.io/evidence-bundle/v1";

    public const string FileName = "manifest.json";

    public const string SignatureFileName = "manifest.sig";

    public const string PublicKeyFileName = "public-key.pem";

    public string Format { get; init; } = CurrentFormat;

    public required long ScanId { get; init; }

    public required string Cluster { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required bool Complete { get; init; }

    public string SnapshotDigest { get; init; } = string.Empty;

    public string ConfigDigest { get; init; } = string.Empty;

    /// <summary>The ruleset version the scan ran with.</summary>
    public string RulesetVersion { get; init; } = string.Empty;

    /// <summary>The scanner version that ran the scan.</summary>
    public string ScannerVersion { get; init; } = string.Empty;

    /// <summary>The scanner version that wrote the bundle (rule docs and rendered formats come from it).</summary>
    public string BundlerVersion { get; init; } = string.Empty;

    /// <summary>The bundle before this one in the chain; null for the first bundle of a cluster.</summary>
    public PreviousBundle? Previous { get; init; }

    public required string PublicKeyFingerprint { get; init; }

    /// <summary>What the bundle could not include, and why (e.g. a scan recorded before configs were stored).</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>Every file of the bundle except the manifest and its signature, sorted by path.</summary>
    public required ImmutableArray<ManifestEntry> Files { get; init; }

    /// <summary>The manifest as written into the bundle: indented JSON, fixed property order, '\n' line ends.</summary>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteStartObject("scan");
            w.WriteNumber("id", ScanId);
            w.WriteString("cluster", Cluster);
            w.WriteString("startedAt", Time(StartedAt));
            w.WriteString("finishedAt", Time(FinishedAt));
            w.WriteBoolean("complete", Complete);
            w.WriteString("snapshotDigest", SnapshotDigest);
            w.WriteString("configDigest", ConfigDigest);
            w.WriteString("rulesetVersion", RulesetVersion);
            w.WriteString("scannerVersion", ScannerVersion);
            w.WriteEndObject();
            w.WriteString("bundlerVersion", BundlerVersion);
            if (Previous is { } p)
            {
                w.WriteStartObject("previousBundle");
                w.WriteString("digest", p.Digest);
                w.WriteNumber("scanId", p.ScanId);
                w.WriteString("fileName", p.FileName);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("previousBundle");
            }

            w.WriteString("publicKeyFingerprint", PublicKeyFingerprint);
            w.WriteStartArray("notes");
            foreach (var note in Notes)
            {
                w.WriteStringValue(note);
            }

            w.WriteEndArray();
            w.WriteStartArray("files");
            foreach (var f in Files)
            {
                w.WriteStartObject();
                w.WriteString("path", f.Path);
                w.WriteNumber("size", f.Size);
                w.WriteString("sha256", f.Sha256);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="InvalidDataException">Not JSON, another format, or a required field missing or of the wrong type; the message names it.</exception>
    public static EvidenceManifest Parse(byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var format = Str(root, "format");
            if (format != CurrentFormat)
            {
                throw new InvalidDataException($"manifest format '{format}' is not '{CurrentFormat}'");
            }

            var scan = Get(root, "scan", JsonValueKind.Object);
            var previous = root.TryGetProperty("previousBundle", out var pb) && pb.ValueKind == JsonValueKind.Object
                ? new PreviousBundle(Str(pb, "digest"), Get(pb, "scanId", JsonValueKind.Number).GetInt64(), Str(pb, "fileName"))
                : null;
            return new EvidenceManifest
            {
                Format = format,
                ScanId = Get(scan, "id", JsonValueKind.Number).GetInt64(),
                Cluster = Str(scan, "cluster"),
                StartedAt = DateTimeOffset.Parse(Str(scan, "startedAt"), CultureInfo.InvariantCulture),
                FinishedAt = DateTimeOffset.Parse(Str(scan, "finishedAt"), CultureInfo.InvariantCulture),
                Complete = Get(scan, "complete", JsonValueKind.True, JsonValueKind.False).GetBoolean(),
                SnapshotDigest = Str(scan, "snapshotDigest"),
                ConfigDigest = Str(scan, "configDigest"),
                RulesetVersion = Str(scan, "rulesetVersion"),
                ScannerVersion = Str(scan, "scannerVersion"),
                BundlerVersion = Str(root, "bundlerVersion"),
                Previous = previous,
                PublicKeyFingerprint = Str(root, "publicKeyFingerprint"),
                Notes = [.. Get(root, "notes", JsonValueKind.Array).EnumerateArray().Select(n => n.GetString() ?? string.Empty)],
                Files = [.. Get(root, "files", JsonValueKind.Array).EnumerateArray().Select(f => new ManifestEntry(Str(f, "path"), Get(f, "size", JsonValueKind.Number).GetInt64(), Str(f, "sha256")))],
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"manifest.json is not a valid manifest: {ex.Message}", ex);
        }
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static JsonElement Get(JsonElement parent, string name, params JsonValueKind[] kinds)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || !kinds.Contains(value.ValueKind))
        {
            throw new InvalidDataException($"manifest.json: '{name}' is missing or not a {string.Join(" or ", kinds).ToLowerInvariant()}");
        }

        return value;
    }

    private static string Str(JsonElement parent, string name) => Get(parent, name, JsonValueKind.String).GetString()!;
}
