using System.Text;
using System.Text.RegularExpressions;

namespace ComplianceScanner.Deploy.Tests.Docker;

/// <summary>The exclusion patterns of a .dockerignore (no "!" exceptions: the test fails on them).</summary>
public sealed class DockerIgnore
{
    private readonly List<(string Pattern, Regex Regex)> patterns;

    private DockerIgnore(List<(string, Regex)> patterns) => this.patterns = patterns;

    public IEnumerable<string> Patterns => patterns.Select(p => p.Pattern);

    public static DockerIgnore Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<(string, Regex)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('!'))
            {
                throw new InvalidOperationException($".dockerignore: exception patterns ('{line}') are not supported by this check.");
            }

            list.Add((line, ToRegex(line.TrimEnd('/').TrimStart('/'))));
        }

        return new DockerIgnore(list);
    }

    /// <summary>The pattern that excludes <paramref name="path"/> (relative, forward slashes) or any folder above it.</summary>
    public string? Excluding(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Trim('/').Split('/');
        for (var n = 1; n <= parts.Length; n++)
        {
            var prefix = string.Join('/', parts.Take(n));
            var hit = patterns.FirstOrDefault(p => p.Regex.IsMatch(prefix));
            if (hit.Pattern is not null)
            {
                return hit.Pattern;
            }
        }

        return null;
    }

    private static Regex ToRegex(string pattern)
    {
        var text = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" matches any number of folders, including none.
                text.Append(i + 2 < pattern.Length && pattern[i + 2] == '/' ? "(.*/)?" : ".*");
                i += i + 2 < pattern.Length && pattern[i + 2] == '/' ? 2 : 1;
            }
            else
            {
                text.Append(pattern[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(text.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
