namespace ComplianceScanner.Core.Text;

/// <summary>
/// Host names and host patterns with Ingress semantics: a leading <c>*.</c> stands for exactly one DNS label
/// (<c>*.shop.example.com</c> covers <c>a.shop.example.com</c>, not <c>shop.example.com</c> nor <c>a.b.shop.example.com</c>).
/// Comparison is case-insensitive.
/// </summary>
public static class HostPattern
{
    /// <summary>Checks a host or host pattern is a valid DNS-1123 subdomain, optionally with one leading <c>*.</c>.</summary>
    public static bool IsValid(string host, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(host))
        {
            problem = "host is empty";
            return false;
        }

        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        if (name.Contains('*', StringComparison.Ordinal))
        {
            problem = "a wildcard is only allowed as the whole first label, as in *.example.com";
            return false;
        }

        if (name.Length > 253)
        {
            problem = "host is longer than 253 characters";
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                problem = $"label '{label}' must be 1 to 63 characters";
                return false;
            }

            if (!char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1])
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                problem = $"label '{label}' must be lower-case letters, digits and '-', starting and ending with a letter or digit";
                return false;
            }

            if (label.Any(char.IsAsciiLetterUpper))
            {
                problem = $"label '{label}' must be lower case";
                return false;
            }
        }

        return true;
    }

    public static bool IsWildcard(string host) => host.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>True when <paramref name="host"/> (itself possibly a wildcard) is covered by <paramref name="pattern"/>.</summary>
    public static bool Covers(string pattern, string host)
    {
        if (string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IsWildcard(pattern) || IsWildcard(host))
        {
            return false;
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(host[dot..], pattern[1..], StringComparison.OrdinalIgnoreCase);
    }

    public static bool CoveredByAny(IEnumerable<string> patterns, string host) => patterns.Any(p => Covers(p, host));
}
