using System.Text.RegularExpressions;

namespace ComplianceScanner.Configuration.Validation;

/// <summary>
/// Kubernetes name syntax (DNS-1123 labels and subdomains, label keys and values) and the scanner's own id formats.
/// Each check returns null when the text is valid, or the reason it is not, phrased to follow the value in a message.
/// </summary>
internal static partial class NameRules
{
    private const string LabelRule = "at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit";

    public static bool IsDnsLabel(string text) => text.Length <= 63 && DnsLabel().IsMatch(text);

    public static bool IsDnsSubdomain(string text) => text.Length <= 253 && DnsSubdomain().IsMatch(text);

    /// <summary>A name of the scanner's own vocabulary (duty, team, separation rule): DNS-label syntax, as a Kubernetes name.</summary>
    public static string? NameProblem(string text) =>
        text.Length == 0 ? "must not be empty" : IsDnsLabel(text) ? null : "must be " + LabelRule;

    /// <summary>A namespace name, or a glob over namespace names (<c>*</c> and <c>?</c> besides the name characters).</summary>
    public static string? NamespacePatternProblem(string text)
    {
        if (text.Length == 0)
        {
            return "a namespace name or glob must not be empty";
        }

        if (!text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '*' or '?'))
        {
            return "a namespace name or glob may hold only lower-case letters, digits, '-', and the wildcards * and ?";
        }

        if (text.Length > 63)
        {
            return "a namespace name is at most 63 characters";
        }

        return Core.Text.Glob.IsPattern(text) || IsDnsLabel(text) ? null : "a namespace name must start and end with a letter or digit";
    }

    /// <summary>An IngressClass name: a DNS-1123 subdomain.</summary>
    public static string? IngressClassProblem(string text) =>
        IsDnsSubdomain(text) ? null : "an IngressClass name must be at most 253 lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit";

    /// <summary>A label key: an optional DNS-subdomain prefix and '/', then a name of up to 63 characters.</summary>
    public static string? LabelKeyProblem(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash >= 0 ? text[..slash] : null;
        var name = slash >= 0 ? text[(slash + 1)..] : text;
        if (prefix is not null && !IsDnsSubdomain(prefix))
        {
            return "the prefix of a label key must be a DNS subdomain such as example.com";
        }

        return name.Length is > 0 and <= 63 && LabelName().IsMatch(name)
            ? null
            : "a label key must be at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, optionally after a prefix and '/'";
    }

    public static string? LabelValueProblem(string text) =>
        text.Length == 0 || (text.Length <= 63 && LabelName().IsMatch(text))
            ? null
            : "a label value must be empty or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

    /// <summary>An annotation key glob: annotation-key characters plus <c>*</c> and <c>?</c>.</summary>
    public static string? AnnotationPatternProblem(string text)
    {
        if (text.Length == 0)
        {
            return "an annotation pattern must not be empty";
        }

        return text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '*' or '?')
            ? null
            : "an annotation pattern may hold only letters, digits, '-', '_', '.', '/', and the wildcards * and ?";
    }

    /// <summary>A rule id such as <c>SOD-ING-003</c>.</summary>
    public static bool IsRuleId(string text) => RuleId().IsMatch(text);

    /// <summary>A rule id, or a glob over rule ids that starts with <c>SOD-</c> (<c>SOD-ING-*</c>).</summary>
    public static bool IsRuleIdPattern(string text) =>
        IsRuleId(text) || (Core.Text.Glob.IsPattern(text) && RuleIdGlob().IsMatch(text));

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex(@"\A[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    [GeneratedRegex(@"\ASOD-[A-Z]+-[0-9]{3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RuleId();

    [GeneratedRegex(@"\ASOD-[A-Z0-9*?-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex RuleIdGlob();
}
