using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.History;

/// <summary>
/// Snapshots as the store keeps them: the <see cref="ClusterSnapshot"/> record as JSON, Brotli-compressed. Only settable
/// properties are written; derived ones (<c>Kind</c>, <c>QualifiedName</c>, <c>IsComplete</c>) are recomputed on
/// reading. Secrets are metadata only in the snapshot already, so no secret value is ever stored.
/// </summary>
public static class SnapshotCodec
{
    /// <summary>The encoding name stored beside each blob, so a later format can be told apart.</summary>
    public const string Encoding = "json+br";

    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropGetOnlyProperties } },
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Encode(ClusterSnapshot snapshot, out int rawSize)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var json = JsonSerializer.SerializeToUtf8Bytes(snapshot, Options);
        rawSize = json.Length;
        using var output = new MemoryStream(json.Length / 8);
        using (var brotli = new BrotliStream(output, new BrotliCompressionOptions { Quality = 5 }))
        {
            brotli.Write(json);
        }

        return output.ToArray();
    }

    /// <exception cref="HistoryStoreException">The blob is not a snapshot this scanner can read.</exception>
    public static ClusterSnapshot Decode(byte[] data, string encoding)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!string.Equals(encoding, Encoding, StringComparison.Ordinal))
        {
            throw new HistoryStoreException($"snapshot encoding '{encoding}' is not supported by this scanner (it reads '{Encoding}')");
        }

        try
        {
            using var input = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
            return JsonSerializer.Deserialize<ClusterSnapshot>(input, Options)
                ?? throw new HistoryStoreException("stored snapshot is 'null'");
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new HistoryStoreException($"stored snapshot cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The snapshot's JSON exactly as stored (decompressed, not re-serialized).</summary>
    /// <exception cref="HistoryStoreException">The blob is not a snapshot this scanner can read.</exception>
    public static byte[] DecodeJson(byte[] data, string encoding)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!string.Equals(encoding, Encoding, StringComparison.Ordinal))
        {
            throw new HistoryStoreException($"snapshot encoding '{encoding}' is not supported by this scanner (it reads '{Encoding}')");
        }

        try
        {
            using var input = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new HistoryStoreException($"stored snapshot cannot be read: {ex.Message}", ex);
        }
    }

    private static void DropGetOnlyProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var p = info.Properties[i];
            if (p.Set is null && !IsConstructorParameter(info, p))
            {
                info.Properties.RemoveAt(i);
            }
        }
    }

    private static bool IsConstructorParameter(JsonTypeInfo info, JsonPropertyInfo property) =>
        info.Type.GetConstructors().Any(c => c.GetParameters().Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)));
}
