using ComplianceScanner.Fuzz.Tests.Harness;

namespace ComplianceScanner.Fuzz.Tests.Rendering;

/// <summary>The inertness checks themselves catch what they are meant to catch, so a passing fuzz run means something.</summary>
public sealed class InertRenderingTests
{
    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<svg onload=alert(1)></svg>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\" JaVaScRiPt:alert(1)\">x</a>")]
    public void The_html_check_fails_on_markup_injected_into_the_report(string injected)
    {
        var html = InertRendering.BaselineHtml;
        var at = html.IndexOf("<main", StringComparison.Ordinal) is var main and >= 0 ? main : html.IndexOf("<body", StringComparison.Ordinal);
        var tampered = html.Insert(html.IndexOf('>', at) + 1, injected);

        Assert.Throws<FuzzFailureException>(() => InertRendering.Html(tampered, []));
    }

    [Fact]
    public void The_html_check_passes_the_report_as_rendered() => InertRendering.Html(InertRendering.BaselineHtml, []);

    [Theory]
    [InlineData("| a | b |\n|---|---|\n| x | y | z |\n")]
    [InlineData("see [click](javascript:alert(1))\n")]
    [InlineData("![x](https://evil.example/t.png)\n")]
    [InlineData("<script>alert(1)</script>\n")]
    [InlineData("bell\u0007\n")]
    public void The_markdown_check_fails_on_injected_structure(string md) =>
        Assert.Throws<FuzzFailureException>(() => InertRendering.Markdown(md));

    [Fact]
    public void The_markdown_check_passes_escaped_text() =>
        InertRendering.Markdown("| a | b |\n|---|---|\n| x \\| y | \\[click\\](javascript:alert(1)) \\<script\\> |\n");

    [Theory]
    [InlineData("\u001b[2J", true)]
    [InlineData("\u001b]8;;https://evil.example/\u001b\\x", true)]
    [InlineData("a\rb", false)]
    [InlineData("\u001b[31mred", false)]
    [InlineData("\u202eabc", false)]
    public void The_terminal_check_fails_on_escape_sequences_and_control_characters(string text, bool ansi) =>
        Assert.Throws<FuzzFailureException>(() => InertRendering.TerminalOutput(text, ansi));

    [Fact]
    public void The_terminal_check_allows_spectre_colours_with_ansi_on() => InertRendering.TerminalOutput("\u001b[38;5;9mhigh\u001b[0m\n", ansi: true);
}
