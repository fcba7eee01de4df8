using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>Reads a manifest file into documents: strict JSON when the content starts like JSON, YAML otherwise.</summary>
internal static class DocumentReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Read(byte[] bytes, IDocumentSink documents, CancellationToken ct)
    {
        var wide = WideEncoding(bytes);
        if (wide is not null)
        {
            // YAML allows UTF-16 and UTF-32 with a byte order mark.
            var pre = wide.Preamble.Length;
            string text;
            try
            {
                text = wide.GetString(bytes, pre, bytes.Length - pre);
            }
            catch (DecoderFallbackException ex)
            {
                // Lines are counted in the text before the bad code unit, decoded leniently.
                var offset = pre + Math.Max(0, ex.Index);
                var before = Encoding.GetEncoding(wide.CodePage).GetString(bytes, pre, offset - pre);
                Reject(documents, offset, before.Count(c => c == '\n') + 1, wide.WebName.ToUpperInvariant());
                return;
            }

            Read(text, documents, ct);
            return;
        }

        var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var utf8 = bytes.AsSpan(bom);
        if (!Utf8.IsValid(utf8))
        {
            // Decoding would silently turn bad bytes into U+FFFD (and the JSON reader throws on them): a file that is
            // not UTF-8 is refused with where it goes wrong, as kubectl refuses it.
            var offset = bom + FirstInvalidUtf8(utf8);
            Reject(documents, offset, bytes.AsSpan(0, offset).Count((byte)'\n') + 1, "UTF-8");
            return;
        }

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
        [0xFF, 0xFE, 0x00, 0x00, ..] => new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: true),
        [0x00, 0x00, 0xFE, 0xFF, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: true),
        [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true),
        [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true),
        _ => null,
    };

    /// <summary>The offset of the first byte that is not part of a valid UTF-8 sequence (the input is known to have one).</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        try
        {
            _ = StrictUtf8.GetCharCount(utf8);
            return 0;
        }
        catch (DecoderFallbackException ex)
        {
            return Math.Max(0, ex.Index);
        }
    }

    /// <summary>Fails the file as one document, naming the offset and line of the first bad byte.</summary>
    private static void Reject(IDocumentSink documents, int offset, int line, string encoding)
    {
        documents.Document(new ParsedDocument(
            0,
            null,
            line,
            string.Create(CultureInfo.InvariantCulture, $"the file is not valid {encoding} (first bad byte at offset {offset}); nothing in it was read. Hint: save it as UTF-8.")));
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> utf8)
    {
        var trimmed = utf8.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && (trimmed[0] == (byte)'{' || trimmed[0] == (byte)'[');
    }
}
