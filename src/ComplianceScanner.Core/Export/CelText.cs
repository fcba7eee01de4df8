using System.Text;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Export;

/// <summary>
/// Builds the pieces of the exported CEL expressions: string literals, anchored RE2 patterns for host patterns and globs
/// (only syntax RE2 and .NET share: literals, <c>[^.]+</c>, <c>.*</c>, <c>.</c>, <c>(?:|)</c>), and label selectors.
/// </summary>
public static class CelText
{
    /// <summary>A CEL single-quoted string literal.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }

    /// <summary>A CEL list of string literals.</summary>
    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    /// <summary>
    /// An anchored pattern matching exactly the hosts the patterns cover with Ingress semantics: <c>*.x</c> is one DNS label
    /// (or the literal <c>*</c>, so the wildcard host itself) before <c>.x</c>. Matches nothing when there are no patterns.
    /// </summary>
    public static string HostRegex(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var alternatives = patterns.Select(p => p.StartsWith("*.", StringComparison.Ordinal) ? "[^.]+" + Escape(p[1..]) : Escape(p)).ToList();
        return alternatives.Count == 0 ? "^$" : "^(?:" + string.Join("|", alternatives) + ")$";
    }

    /// <summary>An anchored pattern for shell globs (<c>*</c> any run, <c>?</c> one character).</summary>
    public static string GlobRegex(IEnumerable<string> globs)
    {
        ArgumentNullException.ThrowIfNull(globs);
        var alternatives = globs.Select(g =>
        {
            var b = new StringBuilder();
            foreach (var c in g)
            {
                b.Append(c switch
                {
                    '*' => ".*",
                    '?' => ".",
                    _ => Escape(c.ToString()),
                });
            }

            return b.ToString();
        }).ToList();
        return alternatives.Count == 0 ? "^$" : "^(?:" + string.Join("|", alternatives) + ")$";
    }

    /// <summary>
    /// A CEL condition that is true when the labels at <paramref name="labels"/> (a map expression, e.g.
    /// <c>namespaceObject.metadata.labels</c>, of an object at <paramref name="owner"/>) match the selector, as
    /// <c>metav1.LabelSelectorAsSelector</c> decides.
    /// </summary>
    public static string Selector(LabelSelector selector, string owner, string labels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var has = $"has({owner}.labels)";
        var terms = new List<string>();
        foreach (var (key, value) in selector.MatchLabels)
        {
            terms.Add($"({has} && {Quote(key)} in {labels} && {labels}[{Quote(key)}] == {Quote(value)})");
        }

        foreach (var e in selector.MatchExpressions)
        {
            var k = Quote(e.Key);
            terms.Add(e.Operator switch
            {
                "In" => $"({has} && {k} in {labels} && {labels}[{k}] in {List(e.Values)})",
                "NotIn" => $"(!{has} || !({k} in {labels}) || !({labels}[{k}] in {List(e.Values)}))",
                "Exists" => $"({has} && {k} in {labels})",
                "DoesNotExist" => $"(!{has} || !({k} in {labels}))",
                _ => "false",
            });
        }

        return terms.Count == 0 ? "true" : string.Join(" && ", terms);
    }

    private static string Escape(string text)
    {
        var b = new StringBuilder();
        foreach (var c in text)
        {
            if ("\\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                b.Append('\\');
            }

            b.Append(c);
        }

        return b.ToString();
    }
}
