using System.Globalization;
using System.Text;

namespace ComplianceScanner.Rendering.Templates;

/// <summary>
/// Escapes text for the inside of a JSON string literal (RFC 8259): quotes, backslashes and control characters, plus
/// U+2028/U+2029 (which break JavaScript consumers) and lone surrogates (not valid UTF-8). Other characters, non-ASCII
/// letters included, stay as they are so payloads remain readable.
/// </summary>
internal static class JsonEscaper
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsEscape))
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
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                '\b' => builder.Append("\\b"),
                '\f' => builder.Append("\\f"),
                _ when char.IsSurrogate(c) => builder.Append("\\ufffd"),
                _ when c < 0x20 || c is '\u2028' or '\u2029' => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c is '"' or '\\' or '\u2028' or '\u2029' || c < 0x20 || char.IsSurrogate(c);
}
