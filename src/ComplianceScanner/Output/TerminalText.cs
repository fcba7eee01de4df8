using System.Text;

namespace ComplianceScanner.Output;

/// <summary>
/// Makes cluster-sourced strings inert on a terminal: control characters (escape sequences, carriage returns,
/// bidi overrides) are replaced by visible placeholders so an object name cannot rewrite the screen.
/// </summary>
internal static class TerminalText
{
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var bad = char.IsControl(c) || c is '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069';
            if (bad)
            {
                sb ??= new StringBuilder(text, 0, i, text.Length + 8);
                sb.Append(c == '\n' ? "\\n" : $"\\u{(int)c:x4}");
            }
            else
            {
                sb?.Append(c);
            }
        }

        return sb?.ToString() ?? text;
    }
}
