using System.Globalization;
using System.Text;

namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>Writes <see cref="FNode"/> trees as a YAML stream: block style unless a node asks for flow, one <c>---</c> per document.</summary>
internal static class YamlEmitter
{
    // The emit's size bound, for the flow-style writer too: repetitions inside a flow collection can describe gigabytes.
    [ThreadStatic]
    private static int limit;

    /// <summary>Writes the documents, stopping soon after <paramref name="maxChars"/> (nested repetitions can describe gigabytes).</summary>
    public static string Emit(IEnumerable<FNode> documents, int maxChars)
    {
        var sb = new StringBuilder();
        limit = maxChars;
        foreach (var doc in documents)
        {
            sb.Append("---");
            Value(sb, doc, 0, maxChars);
            if (sb.Length > maxChars)
            {
                break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Writes a node that follows <c>key:</c>, <c>-</c> or <c>---</c> on the current line, ending with a newline.</summary>
    private static void Value(StringBuilder sb, FNode node, int indent, int maxChars)
    {
        if (sb.Length > maxChars)
        {
            return;
        }

        var props = Props(node);
        switch (node)
        {
            case FMap { Flow: false } m when m.Entries.Length > 0:
                sb.Append(props.Length > 0 ? " " + props : string.Empty).Append('\n');
                foreach (var e in m.Entries)
                {
                    if (sb.Length > maxChars)
                    {
                        return;
                    }

                    sb.Append(' ', indent);
                    Key(sb, e.Key);
                    sb.Append(':');
                    Value(sb, e.Value, indent + 2, maxChars);
                }

                return;
            case FSeq { Flow: false } s when s.Items.Length > 0:
                sb.Append(props.Length > 0 ? " " + props : string.Empty).Append('\n');
                foreach (var item in s.Items)
                {
                    if (sb.Length > maxChars)
                    {
                        return;
                    }

                    sb.Append(' ', indent).Append('-');
                    Value(sb, item, indent + 2, maxChars);
                }

                return;
            case FScalar { Style: FScalarStyle.Literal } lit:
                sb.Append(' ');
                if (props.Length > 0)
                {
                    sb.Append(props).Append(' ');
                }

                sb.Append("|-\n");
                foreach (var line in lit.Text.Split('\n'))
                {
                    sb.Append(' ', Math.Max(indent, 1)).Append(line).Append('\n');
                }

                return;
            default:
                sb.Append(' ');
                if (props.Length > 0)
                {
                    sb.Append(props).Append(' ');
                }

                Inline(sb, node, inFlow: false, withProps: false);
                sb.Append('\n');
                return;
        }
    }

    private static void Key(StringBuilder sb, FNode key)
    {
        if (key is FScalar or FAlias)
        {
            Inline(sb, key, inFlow: false, withProps: true);
            if (key is FAlias)
            {
                // "*a:" would read as an alias named "a:".
                sb.Append(' ');
            }

            return;
        }

        // A complex key: "? " form is valid YAML; the loaders must reject it cleanly.
        sb.Append("? ");
        Inline(sb, key with { Flow = true }, inFlow: true, withProps: true);
        sb.Append('\n');
    }

    private static void Inline(StringBuilder sb, FNode node, bool inFlow, bool withProps)
    {
        if (withProps && Props(node) is { Length: > 0 } props)
        {
            sb.Append(props).Append(' ');
        }

        switch (node)
        {
            case FAlias a:
                sb.Append('*').Append(a.Name);
                break;
            case FMap m:
                sb.Append('{');
                for (var i = 0; i < m.Entries.Length && sb.Length <= limit; i++)
                {
                    sb.Append(i > 0 ? ", " : string.Empty);
                    Inline(sb, m.Entries[i].Key, inFlow: true, withProps: true);
                    sb.Append(m.Entries[i].Key is FAlias ? " : " : ": ");
                    Inline(sb, m.Entries[i].Value, inFlow: true, withProps: true);
                }

                sb.Append('}');
                break;
            case FSeq s:
                sb.Append('[');
                for (var i = 0; i < s.Items.Length && sb.Length <= limit; i++)
                {
                    sb.Append(i > 0 ? ", " : string.Empty);
                    Inline(sb, s.Items[i], inFlow: true, withProps: true);
                }

                sb.Append(']');
                break;
            case FScalar { Style: FScalarStyle.Raw } raw:
                sb.Append(raw.Text);
                break;
            case FScalar { Style: FScalarStyle.Plain, Text.Length: 0 }:
                // An empty plain scalar is null: "key:" with nothing after it.
                break;
            case FScalar { Style: FScalarStyle.Plain } plain when PlainIsSafe(plain.Text, inFlow):
                sb.Append(plain.Text);
                break;
            case FScalar { Style: FScalarStyle.SingleQuoted } single when !single.Text.Any(NeedsEscape):
                sb.Append('\'').Append(single.Text.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                break;
            case FScalar scalar:
                DoubleQuoted(sb, scalar.Text);
                break;
        }
    }

    public static void DoubleQuoted(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\t' => sb.Append("\\t"),
                _ when NeedsEscape(c) => sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => sb.Append(c),
            };
        }

        sb.Append('"');
    }

    /// <summary>True when the text, written unquoted, reads back as the same scalar (seed values; generated ones are quoted).</summary>
    private static bool PlainIsSafe(string text, bool inFlow) =>
        text.Length > 0
        && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1])
        && "-?:,[]{}#&*!|>'\"%@`".IndexOf(text[0], StringComparison.Ordinal) < 0
        && !text.Contains(": ", StringComparison.Ordinal) && !text.Contains(" #", StringComparison.Ordinal) && !text.EndsWith(':')
        && !text.Any(c => c is '\n' or '\r' || NeedsEscape(c))
        && (!inFlow || text.AsSpan().IndexOfAny(",[]{}") < 0);

    private static bool NeedsEscape(char c) => c < 0x20 || c is >= '\u007F' and <= '\u009F' || c is '\uFEFF' or '\u2028' or '\u2029' || char.IsSurrogate(c);

    private static string Props(FNode node) =>
        (node.Anchor, node.Tag) switch
        {
            (null, null) => string.Empty,
            ({ } a, null) => "&" + a,
            (null, { } t) => t,
            ({ } a, { } t) => "&" + a + " " + t,
        };
}
