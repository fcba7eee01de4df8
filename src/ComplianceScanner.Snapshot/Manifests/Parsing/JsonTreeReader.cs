using System.Text;
using System.Text.Json;

namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>
/// Reads strict JSON (one value, or several concatenated as <c>kubectl get -o json</c> streams them) into node trees.
/// Much faster than a YAML parser on large <c>-o json</c> dumps. Text that is not strict JSON is left to the YAML reader
/// (a superset); <see cref="IsStrictJson"/> decides that up front, so no document reaches the sink before it is known.
/// </summary>
internal static class JsonTreeReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        AllowMultipleValues = true,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = ParseLimits.MaxDepth,
    };

    /// <summary>One fast validating pass: true when the whole input is strict JSON within the depth bound.</summary>
    public static bool IsStrictJson(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    // The reader checks escapes only when a string is read: "\uDE00" (a lone surrogate) would make
                    // Read below throw. Such text goes to the YAML reader, which reports it as a syntax error.
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Reads input that <see cref="IsStrictJson"/> accepted.</summary>
    public static void Read(ReadOnlySpan<byte> utf8, IDocumentSink documents, CancellationToken ct)
    {
        var reader = new Utf8JsonReader(utf8, Options);
        var index = 0;
        var builder = new TreeBuilder();
        builder.ListItemSink = (item, i, apiVersion, kind) => documents.ListItem(index, item, i, apiVersion, kind);
        var lines = new LineCounter(utf8);
        while (reader.Read())
        {
            var line = lines.LineAt(reader.TokenStartIndex, out var column);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    builder.StartMapping(line, column, anchor: null);
                    break;
                case JsonTokenType.EndObject:
                    builder.EndMapping();
                    break;
                case JsonTokenType.StartArray:
                    builder.StartSequence(line, column, anchor: null);
                    break;
                case JsonTokenType.EndArray:
                    builder.EndSequence();
                    break;
                case JsonTokenType.PropertyName:
                    builder.Scalar(new ScalarNode(line, column, ScalarKind.String, reader.GetString()!, coercible: false), null, isMergeKey: false);
                    break;
                case JsonTokenType.String:
                    builder.Scalar(new ScalarNode(line, column, ScalarKind.String, reader.GetString()!, coercible: false), null, isMergeKey: false);
                    break;
                case JsonTokenType.Number:
                    builder.Scalar(Number(line, column, ref reader), null, isMergeKey: false);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    var b = reader.TokenType == JsonTokenType.True;
                    builder.Scalar(new ScalarNode(line, column, ScalarKind.Bool, b ? "true" : "false", coercible: false) { BoolValue = b }, null, isMergeKey: false);
                    break;
                case JsonTokenType.Null:
                    builder.Scalar(new ScalarNode(line, column, ScalarKind.Null, "null", coercible: false), null, isMergeKey: false);
                    break;
            }

            if (reader.CurrentDepth == 0 && builder.HasRoot)
            {
                ct.ThrowIfCancellationRequested();
                documents.Document(new ParsedDocument(index++, builder.Root) { Warnings = [.. builder.Warnings] });
                builder.Reset();
            }
        }
    }

    private static ScalarNode Number(int line, int column, ref Utf8JsonReader reader)
    {
        var text = Encoding.UTF8.GetString(reader.ValueSpan);
        if (reader.TryGetInt64(out var i))
        {
            return new ScalarNode(line, column, ScalarKind.Int, text, coercible: false) { IntValue = i, FloatValue = i };
        }

        return new ScalarNode(line, column, ScalarKind.Float, text, coercible: false) { FloatValue = reader.GetDouble() };
    }

    /// <summary>Turns increasing byte offsets into one-based line and column numbers in a single forward pass.</summary>
    private ref struct LineCounter(ReadOnlySpan<byte> text)
    {
        private readonly ReadOnlySpan<byte> text = text;
        private int offset;
        private int line = 1;
        private int lineStart;

        public int LineAt(long position, out int column)
        {
            var target = (int)position;
            while (offset < target)
            {
                var next = text[offset..target].IndexOf((byte)'\n');
                if (next < 0)
                {
                    offset = target;
                    break;
                }

                offset += next + 1;
                lineStart = offset;
                line++;
            }

            column = target - lineStart + 1;
            return line;
        }
    }
}
