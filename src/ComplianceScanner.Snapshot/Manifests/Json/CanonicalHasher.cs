using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using ComplianceScanner.Snapshot.Manifests.Parsing;

namespace ComplianceScanner.Snapshot.Manifests.Json;

/// <summary>
/// SHA-256 of an object's canonical JSON (keys sorted ordinally, scalars resolved, no whitespace), so the same object
/// hashes the same whether it was written as YAML or JSON, block or flow style, in any key order or file.
/// One instance per thread: it reuses its buffer.
/// </summary>
internal sealed class CanonicalHasher : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new(16 * 1024);
    private readonly Utf8JsonWriter writer;

    public CanonicalHasher()
    {
        writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = ParseLimits.MaxDepth + 16 });
    }

    public void Dispose() => writer.Dispose();

    public byte[] Hash(Node node)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        Write(node);
        writer.Flush();
        return SHA256.HashData(buffer.WrittenSpan);
    }

    private void Write(Node node)
    {
        switch (node)
        {
            case MappingNode m:
                writer.WriteStartObject();
                var entries = m.Entries.ToArray();
                Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                foreach (var (key, value) in entries)
                {
                    writer.WritePropertyName(key);
                    Write(value);
                }

                writer.WriteEndObject();
                break;
            case SequenceNode q:
                writer.WriteStartArray();
                foreach (var item in q.Items)
                {
                    Write(item);
                }

                writer.WriteEndArray();
                break;
            case ScalarNode s:
                ModelDecoder.WriteResolved(writer, s);
                break;
        }
    }
}
