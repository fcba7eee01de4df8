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
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
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
}
