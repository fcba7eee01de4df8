using System.Text;

namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>Reads a manifest file into documents: strict JSON when the content starts like JSON, YAML otherwise.</summary>
internal static class DocumentReader
{
    public static void Read(byte[] bytes, IDocumentSink documents, CancellationToken ct)
    {
        var wide = WideEncoding(bytes);
        if (wide is not null)
        {
            // YAML allows UTF-16 and UTF-32 with a byte order mark.
            var pre = wide.Preamble.Length;
            Read(wide.GetString(bytes, pre, bytes.Length - pre), documents, ct);
            return;
        }

        var utf8 = bytes.AsSpan(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0);
        if (LooksLikeJson(utf8) && JsonTreeReader.IsStrictJson(utf8))
        {
            JsonTreeReader.Read(utf8, documents, ct);
            return;
        }

        // YAML is a superset of JSON: flow-style YAML with comments and trailing commas (as in the Kubernetes docs)
        // and broken JSON both end up here, the latter with a precise YAML syntax error.
        YamlTreeReader.Read(Encoding.UTF8.GetString(utf8), documents, ct);
    }

    public static void Read(string text, IDocumentSink documents, CancellationToken ct)
    {
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var trimmed = text.AsSpan().TrimStart(" \t\r\n");
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[')
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            if (JsonTreeReader.IsStrictJson(utf8))
            {
                JsonTreeReader.Read(utf8, documents, ct);
                return;
            }
        }

        YamlTreeReader.Read(text, documents, ct);
    }

    private static Encoding? WideEncoding(byte[] bytes) => bytes switch
    {
        [0xFF, 0xFE, 0x00, 0x00, ..] => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
        [0x00, 0x00, 0xFE, 0xFF, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
        [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
        _ => null,
    };

    private static bool LooksLikeJson(ReadOnlySpan<byte> utf8)
    {
        var trimmed = utf8.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && (trimmed[0] == (byte)'{' || trimmed[0] == (byte)'[');
    }
}
