using System.Globalization;
using System.Text;

namespace ComplianceScanner.Core.Text;

/// <summary>
/// Keeps diagnostics about user files readable and inert whatever the files hold: messages quote keys, names and values
/// from the input, which may be megabytes long or carry terminal escape sequences.
/// </summary>
public static class DiagnosticText
{
    /// <summary>A message is cut beyond this many characters.</summary>
    public const int MaxLength = 1000;

    /// <summary>A run of characters without a space (a key, a name, a field path) is cut beyond this.</summary>
    public const int MaxWordLength = 200;

    /// <summary>
    /// The message with control characters and bidi overrides escaped as <c>\uXXXX</c> (one line, nothing a terminal acts
    /// on), each overlong word cut to its start plus its length, and the whole cut at <see cref="MaxLength"/>.
    /// </summary>
    public static string Readable(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length <= MaxWordLength && !message.Any(NeedsEscape))
        {
            return message;
        }

        var sb = new StringBuilder(Math.Min(message.Length, MaxLength) + 32);
        var word = 0;
        for (var i = 0; i < message.Length; i++)
        {
            if (sb.Length >= MaxLength)
            {
                sb.Append(CultureInfo.InvariantCulture, $"... (message cut at {MaxLength} of {message.Length} characters)");
                break;
            }

            var c = message[i];
            word = char.IsWhiteSpace(c) ? 0 : word + 1;
            if (word == MaxWordLength + 1)
            {
                // Skip to the end of the word and say how long it was.
                var end = i;
                while (end < message.Length && !char.IsWhiteSpace(message[end]))
                {
                    end++;
                }

                sb.Append(CultureInfo.InvariantCulture, $"...({end - i + MaxWordLength} characters)");
                i = end - 1;
                continue;
            }

            if (NeedsEscape(c))
            {
                sb.Append(c == '\n' ? "\\n" : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
            }
            else if (char.IsHighSurrogate(c) && (word == MaxWordLength || sb.Length + 1 >= MaxLength))
            {
                // Do not split a surrogate pair at a cut.
                continue;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
