using System.Globalization;
using System.Text;

namespace ComplianceScanner.Rendering.PolicyReports;

/// <summary>
/// Block-style YAML for the PolicyReport object trees (string-keyed dictionaries in insertion order, lists, strings,
/// integers, booleans). Written here rather than by a general serializer so the output is fast and predictable and a
/// result's size does not depend on where it lands: a string is plain only when it is a simple word that every YAML
/// reader (1.1 and 1.2) reads back as that string, and double-quoted with escapes otherwise.
/// </summary>
internal static class YamlText
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
    };

    /// <summary>A mapping at the top level of a document.</summary>
    public static string Document(Dictionary<string, object?> root)
    {
        var text = new StringBuilder();
        Mapping(text, root, 0);
        return text.ToString();
    }

    /// <summary>One item of a top-level sequence (<c>- key: value</c> ...), as it appears below <c>results:</c>.</summary>
    public static string SequenceItem(object? item)
    {
        var text = new StringBuilder();
        Item(text, item, 0);
        return text.ToString();
    }

    private static void Mapping(StringBuilder text, Dictionary<string, object?> map, int indent, bool firstInline = false)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            if (!(first && firstInline))
            {
                text.Append(' ', indent);
            }

            first = false;
            text.Append(Scalar(key)).Append(':');
            Value(text, value, indent);
        }
    }

    private static void Value(StringBuilder text, object? value, int indent)
    {
        switch (value)
        {
            case Dictionary<string, object?> { Count: 0 }:
                text.Append(" {}\n");
                break;
            case Dictionary<string, object?> map:
                text.Append('\n');
                Mapping(text, map, indent + 2);
                break;
            case System.Collections.IList { Count: 0 }:
                text.Append(" []\n");
                break;
            case System.Collections.IList list:
                // Sequence items at the key's indentation, as kubectl writes them.
                text.Append('\n');
                foreach (var item in list)
                {
                    Item(text, item, indent);
                }

                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void Item(StringBuilder text, object? item, int indent)
    {
        text.Append(' ', indent).Append("- ");
        switch (item)
        {
            case Dictionary<string, object?> { Count: > 0 } map:
                Mapping(text, map, indent + 2, firstInline: true);
                break;
            case Dictionary<string, object?> or System.Collections.IList:
                throw new ArgumentException("nested empty collections and lists of lists are not used in policy reports", nameof(item));
            default:
                text.Append(Scalar(item)).Append('\n');
                break;
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        string s => Plain(s) ? s : Quoted(s),
        _ => throw new ArgumentException($"unsupported value type {value.GetType().Name} in a policy report", nameof(value)),
    };

    /// <summary>
    /// Letters first, then letters, digits and <c>. _ / -</c>, and no YAML 1.1 boolean or null word: such a string
    /// cannot be read as anything else. Everything else (digits first, spaces, colons, '#', quotes...) is quoted.
    /// </summary>
    private static bool Plain(string s) =>
        s.Length is > 0 and <= 256
        && char.IsAsciiLetter(s[0])
        && s.AsSpan().IndexOfAnyExcept(PlainChars) < 0
        && !Reserved.Contains(s);

    private static readonly System.Buffers.SearchValues<char> PlainChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-");

    /// <summary>A double-quoted scalar: the escapes used are the ones JSON and YAML share.</summary>
    private static string Quoted(string s)
    {
        var text = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        text.Append(c).Append(s[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // A lone surrogate is not text; YAML has no escape for it.
                        text.Append("\\uFFFD");
                    }
                    else if (c < 0x20 || c is >= '\u007F' and <= '\u009F' or '\u2028' or '\u2029' or '\uFEFF')
                    {
                        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
