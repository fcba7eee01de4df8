using ComplianceScanner.Rendering.Templates;

namespace ComplianceScanner.Rendering.Tests.Templates;

public class TemplateFunctionsTests
{
    [Theory]
    [InlineData("docs/rules/SOD-RBAC-001.md", "docs/rules/SOD-RBAC-001.md")]
    [InlineData("#finding-1", "#finding-1")]
    [InlineData("https://example.com/a?b=c", "https://example.com/a?b=c")]
    [InlineData("HTTP://example.com", "HTTP://example.com")]
    [InlineData("mailto:sec@example.com", "mailto:sec@example.com")]
    [InlineData("rules/a:b", "rules/a:b")]
    [InlineData("javascript:alert(1)", TemplateFunctions.UnsafeUrl)]
    [InlineData(" JavaScript:alert(1)", TemplateFunctions.UnsafeUrl)]
    [InlineData("java\tscript:alert(1)", TemplateFunctions.UnsafeUrl)]
    [InlineData("data:text/html,<script>alert(1)</script>", TemplateFunctions.UnsafeUrl)]
    [InlineData("vbscript:msgbox", TemplateFunctions.UnsafeUrl)]
    [InlineData("\u0001javascript:alert(1)", TemplateFunctions.UnsafeUrl)]
    public void SafeUrl_AllowsRelativeAndWebLinksOnly(string url, string expected)
    {
        Assert.Equal(expected, TemplateFunctions.SafeUrl(new ReportTemplateContext(OutputEscaping.Markup), url));
    }
}
