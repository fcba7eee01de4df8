using System.Collections.Immutable;

namespace ComplianceScanner.Core.Text;

/// <summary>
/// Shell-style globs over plain strings: <c>*</c> matches any run of characters (including none), <c>?</c> one character.
/// No character classes, so every pattern is valid except the empty one.
/// </summary>
public static class Glob
{
    public static bool IsPattern(string text) => text.AsSpan().IndexOfAny('*', '?') >= 0;

    public static bool Matches(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    public static bool MatchesAny(IEnumerable<string> patterns, string text) => patterns.Any(p => Matches(p, text));

    /// <summary>As <see cref="MatchesAny(IEnumerable{string}, string)"/> without allocating (called per binding and namespace).</summary>
    public static bool MatchesAny(ImmutableArray<string> patterns, string text)
    {
        foreach (var p in patterns)
        {
            if (Matches(p, text))
            {
                return true;
            }
        }

        return false;
    }
}
