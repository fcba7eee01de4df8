using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>
/// Reads a multi-document YAML stream into node trees with YamlDotNet's low-level parser. A syntax error fails only its
/// own document: reading resumes at the next <c>---</c> line, as kubectl does by splitting the stream before parsing.
/// </summary>
internal static class YamlTreeReader
{
    public static void Read(string text, IDocumentSink documents, CancellationToken ct)
    {
        var chunkStart = 0;
        var chunkFirstLine = 1;
        var indexBase = 0;
        while (true)
        {
            var restart = ReadChunk(text, chunkStart, chunkFirstLine, indexBase, documents, ct);
            if (restart is null)
            {
                return;
            }

            (chunkStart, chunkFirstLine, indexBase) = restart.Value;
        }
    }

    /// <summary>Reads from <paramref name="start"/>; on a syntax error returns where to resume (char offset, line, document index), or null when done.</summary>
    private static (int Start, int Line, int Index)? ReadChunk(
        string text, int start, int firstLine, int indexBase, IDocumentSink documents, CancellationToken ct)
    {
        var lineOffset = firstLine - 1;
        var scanner = new Scanner(new StringReader(start == 0 ? text : text[start..]));
        var parser = new Parser(scanner);
        var index = indexBase;
        var builder = new TreeBuilder();
        builder.ListItemSink = (item, i, apiVersion, kind) => documents.ListItem(index, item, i, apiVersion, kind);
        var inDocument = false;
        var documentLine = firstLine;
        while (true)
        {
            ParsingEvent? evt;
            try
            {
                if (!parser.MoveNext())
                {
                    return null;
                }

                evt = parser.Current!;
            }
            catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
            {
                // YamlDotNet reports most syntax errors as YamlException, but fails with InvalidOperationException on
                // some unterminated flow collections and with ArgumentOutOfRangeException on a surrogate escape followed
                // by another escape ("\uDC00\uDC00"): all are mistakes in the file, reported where the scanner stopped.
                var (errorLine, message) = ex switch
                {
                    YamlException y => ((int)y.Start.Line + lineOffset, y.Message),
                    ArgumentException => ((int)scanner.CurrentPosition.Line + lineOffset, "a double-quoted string has an escape sequence that is not a valid character (a lone surrogate or a code point beyond U+10FFFF)"),
                    _ => ((int)scanner.CurrentPosition.Line + lineOffset, "the YAML parser cannot continue here; look for an unclosed '[', '{' or quote before this point"),
                };
                documents.Document(new ParsedDocument(index, null, errorLine, "YAML syntax error: " + message));
                var minLine = Math.Max(inDocument ? documentLine + 1 : errorLine, firstLine + 1);
                var resume = FindSeparator(text, start, firstLine, minLine);
                return resume is null ? null : (resume.Value.Offset, resume.Value.Line, index + 1);
            }

            var line = (int)evt.Start.Line + lineOffset;
            var column = (int)evt.Start.Column;
            switch (evt)
            {
                case DocumentStart:
                    ct.ThrowIfCancellationRequested();
                    builder.Reset();
                    inDocument = true;
                    documentLine = line;
                    continue;
                case DocumentEnd:
                    documents.Document(new ParsedDocument(index, builder.Root) { Warnings = [.. builder.Warnings] });
                    index++;
                    inDocument = false;
                    continue;
                case StreamStart or StreamEnd:
                    continue;
            }

            try
            {
                Handle(builder, evt, line, column);
            }
            catch (DocumentRejectedException ex)
            {
                // Stop reading the document here rather than parse the rest of it: past the nesting bound YamlDotNet's
                // scanner does work per token that grows with the depth, so a deep unterminated "[[[[..." would take
                // minutes. Reading resumes at the next "---", as after a syntax error.
                documents.Document(new ParsedDocument(index, null, ex.Line, ex.Message));
                var resume = FindSeparator(text, start, firstLine, Math.Max(documentLine + 1, firstLine + 1));
                return resume is null ? null : (resume.Value.Offset, resume.Value.Line, index + 1);
            }
        }
    }

    private static void Handle(TreeBuilder builder, ParsingEvent evt, int line, int column)
    {
        switch (evt)
        {
            case Scalar s:
                var tag = s.Tag.IsEmpty ? null : s.Tag.Value;
                var plain = s.Style == ScalarStyle.Plain;
                var node = ScalarResolver.Resolve(line, column, s.Value, plain, tag);
                var isMerge = plain && tag is null && s.Value == "<<";
                builder.Scalar(node, Anchor(s), isMerge);
                break;
            case MappingStart m:
                builder.StartMapping(line, column, Anchor(m));
                break;
            case MappingEnd:
                builder.EndMapping();
                break;
            case SequenceStart q:
                builder.StartSequence(line, column, Anchor(q));
                break;
            case SequenceEnd:
                builder.EndSequence();
                break;
            case AnchorAlias a:
                builder.Alias(line, a.Value.Value);
                break;
        }
    }

    private static string? Anchor(NodeEvent e) => e.Anchor.IsEmpty ? null : e.Anchor.Value;

    /// <summary>The first line at or after <paramref name="minLine"/> that starts a new document (<c>---</c>).</summary>
    private static (int Offset, int Line)? FindSeparator(string text, int start, int firstLine, int minLine)
    {
        var offset = start;
        var line = firstLine;
        while (offset < text.Length)
        {
            if (line >= minLine && IsSeparator(text.AsSpan(offset)))
            {
                return (offset, line);
            }

            var next = text.IndexOf('\n', offset);
            if (next < 0)
            {
                return null;
            }

            offset = next + 1;
            line++;
        }

        return null;
    }

    private static bool IsSeparator(ReadOnlySpan<char> rest) =>
        rest.StartsWith("---", StringComparison.Ordinal) && (rest.Length == 3 || rest[3] is ' ' or '\t' or '\r' or '\n');
}
