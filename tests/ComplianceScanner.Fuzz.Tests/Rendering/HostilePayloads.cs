using FsCheck;
using FsCheck.Fluent;
using ComplianceScanner.Fuzz.Tests.Generation;

namespace ComplianceScanner.Fuzz.Tests.Rendering;

/// <summary>Markup, Markdown and terminal payloads to put into object names, labels, subjects and annotation values.</summary>
internal static class HostilePayloads
{
    public static readonly string[] Known =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "javascript:alert(document.cookie)",
        "</style><script>alert(1)</script>",
        "</script><script>alert(1)</script>",
        "<svg><script>alert(1)</script></svg>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=javascript:alert(1)>",
        "<!--<script>-->",
        "<![CDATA[<script>]]>",
        "&lt;script&gt;",
        "{{ 7*7 }}",
        "[click](javascript:alert(1))",
        "![x](https://evil.example/track.png)",
        "<https://evil.example>",
        "a | b | c",
        "`rm -rf /`",
        "```\ncode\n```",
        "**bold** _em_ ~~s~~",
        "# heading",
        "<b>html in md</b>",
        "\u001b[2J\u001b[H",
        "\u001b[31mred\u001b[0m",
        "\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\",
        "\u001b]0;title\u0007",
        "line\rOVERWRITE",
        "bell\u0007",
        "\u009b31m",
        "\u202egnp.exe",
        "x\u0000y",
    ];

    /// <summary>A known payload, sometimes combined with a hostile piece or ordinary text.</summary>
    public static Gen<string> Any { get; } = Gen.Frequency(
        (4, Gen.Elements(Known)),
        (2, from a in Gen.Elements(Known) from b in HostileText.Mixed select a + b),
        (1, HostileText.Mixed.Where(s => s.Length > 0)));
}
