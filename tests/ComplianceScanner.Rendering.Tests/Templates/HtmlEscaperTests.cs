using ComplianceScanner.Rendering.Templates;

namespace ComplianceScanner.Rendering.Tests.Templates;

public class HtmlEscaperTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("<script>", "&lt;script&gt;")]
    [InlineData("\"'", "&quot;&#39;")]
    [InlineData("&amp;", "&amp;amp;")]
    [InlineData("Zürich ✓", "Zürich ✓")]
    public void Escape_ReplacesOnlyMarkupCharacters(string text, string expected)
    {
        Assert.Equal(expected, HtmlEscaper.Escape(text));
    }
}
