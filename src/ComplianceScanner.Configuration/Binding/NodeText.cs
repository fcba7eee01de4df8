using System.Globalization;
using System.Text;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>YAML scalar conventions the binder relies on.</summary>
internal static class NodeText
{
    /// <summary>The YAML 1.2 core schema's plain null forms; an absent value (<c>key:</c>) is the empty one.</summary>
    public static bool IsNullText(string? text) => text is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Values longer than this are cut in messages: a diagnostic must stay readable whatever the file holds.</summary>
    public const int MaxQuotedLength = 120;

    /// <summary>
    /// Quotes a user value in a message, so that empty strings and spaces are visible; control characters are escaped
    /// (one line, inert on a terminal) and a long value is cut, saying how long it was.
    /// </summary>
    public static string Quote(string text)
    {
        var shown = text.Length > MaxQuotedLength ? text[..(char.IsHighSurrogate(text[MaxQuotedLength - 1]) ? MaxQuotedLength - 1 : MaxQuotedLength)] : text;
        var sb = new StringBuilder(shown.Length + 16).Append('"');
        foreach (var c in shown)
        {
            _ = c switch
            {
                '\\' => sb.Append("\\\\"),
                '"' => sb.Append("\\\""),
                '\n' => sb.Append("\\n"),
                '\t' => sb.Append("\\t"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => sb.Append(c),
            };
        }

        sb.Append('"');
        return text.Length > MaxQuotedLength
            ? sb.Append(CultureInfo.InvariantCulture, $"... ({text.Length} characters)").ToString()
            : sb.ToString();
    }
}
