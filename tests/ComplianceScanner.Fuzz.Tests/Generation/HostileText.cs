using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>Strings and scalars a hostile file carries: control characters, confusables, huge texts, markup payloads.</summary>
internal static class HostileText
{
    /// <summary>Pieces that are dangerous or awkward somewhere: parsers, terminals, HTML, Markdown, XML, JSON.</summary>
    public static readonly string[] Pieces =
    [
        "\0", "\u0007", "\u001b[2J", "\u001b[31mred\u001b[0m", "\u001b]8;;https://evil.example/\u001b\\link\u001b]8;;\u001b\\", "\u009b1m",
        "\r", "\r\n", "\n", "\t", "\v", "\f", "\b", "\u0085", "\u2028", "\u2029", "\u00a0", "\u200b", "\u200d", "\ufeff", "\ufffe", "\uffff",
        "\u202e", "\u2066", "\u061c", "а", "е", "о", "ρ", "Ꭺ", "ｋｉｎｄ", "：", "＂", "ß", "İ", "ǅ", "😀", "\ud800", "\udc00",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "</style><svg onload=alert(1)>",
        "<svg/onload=alert(1)>", "'onmouseover='alert(1)", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#x3c;", "{{ x }}", "{% x %}",
        "[x](javascript:alert(1))", "![i](https://evil.example/i.png)", "| a | b |", "`code`", "```", "*em*", "__b__", "~~s~~", "<b>html</b>",
        "# heading", "- item", "> quote", "\\", "\"", "'", "${HOME}", "%s%n", "../../etc/passwd", "C:\\con\\aux", "*", "?", "&", "!",
        ": ", " #", "---", "...", "<<", "~", "null", "true", "0x1F", "1e999", "-", "@", "`", "%",
    ];

    public static Gen<string> Piece { get; } = Gen.Elements(Pieces);

    /// <summary>A short mix of ordinary characters and hostile pieces.</summary>
    public static Gen<string> Mixed { get; } =
        Gen.ListOf(Gen.Frequency((3, Piece), (2, Gen.Elements("a", "name", "kube-system", "x", "0", " ", "é", "中"))))
            .Select(parts => string.Concat(parts.Take(12)));

    /// <summary>A long text: one piece or character repeated, or a mix repeated (up to half a megabyte, rarely).</summary>
    public static Gen<string> Huge { get; } =
        from unit in Gen.Frequency((3, Gen.Elements("a", "lol", "\u00e9", "😀", "\\", "\"")), (1, Mixed.Where(s => s.Length > 0)))
        from count in Gen.Frequency((16, Gen.Choose(1_000, 10_000)), (3, Gen.Choose(10_000, 100_000)), (1, Gen.Choose(100_000, 500_000)))
        select Repeat(unit, count);

    /// <summary>Any hostile string.</summary>
    public static Gen<string> Any { get; } = Gen.Frequency((24, Mixed), (12, Piece), (1, Huge));

    public static string Repeat(string unit, int totalChars)
    {
        var sb = new StringBuilder(totalChars + unit.Length);
        while (sb.Length < totalChars)
        {
            sb.Append(unit);
        }

        return sb.ToString();
    }
}
