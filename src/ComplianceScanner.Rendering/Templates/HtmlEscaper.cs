using System.Text;

namespace ComplianceScanner.Rendering.Templates;

/// <summary>
/// Escapes text for HTML element content and quoted attribute values. Hand-rolled rather than WebUtility.HtmlEncode
/// because that one also rewrites non-ASCII letters as numeric entities, which makes reports harder to read and diff.
/// </summary>
internal static class HtmlEscaper
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0 && !text.Any(IsInvalidXmlChar))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            _ = c switch
            {
                // Control characters and lone surrogates are not allowed in XML and render as garbage in HTML.
                _ when IsInvalidXmlChar(c) => builder.Append('\uFFFD'),
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private static bool IsInvalidXmlChar(char c) =>
        (c < 0x20 && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF' || char.IsSurrogate(c);
}
