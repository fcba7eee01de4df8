using System.Text;

namespace ComplianceScanner.Rendering.Templates;

/// <summary>
/// Escapes text so that CommonMark/GitHub Markdown shows it literally: no link, image, emphasis, code span, table cell
/// break or inline HTML can come from report data. Newlines become spaces (values are inline: table cells, list items),
/// and control characters are dropped.
/// </summary>
internal static class MarkdownEscaper
{
    // '(' ')' '!' and '"' only matter next to '[' or ']', which are escaped; leaving them keeps plain-text mail readable.
    private const string Specials = "\\`*_{}[]<>|~&";

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\t')
            {
                builder.Append(' ');
            }
            else if (char.IsControl(c) || c is '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069')
            {
                // Terminal escapes and bidi overrides have no business in a report.
            }
            else if (Specials.Contains(c, StringComparison.Ordinal) || (i == 0 && c is '-' or '+' or '=' or '.' or '#'))
            {
                builder.Append('\\').Append(c);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
