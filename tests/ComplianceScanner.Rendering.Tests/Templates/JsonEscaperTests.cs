using System.Text.Json;
using ComplianceScanner.Rendering.Templates;

namespace ComplianceScanner.Rendering.Tests.Templates;

public class JsonEscaperTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("l1\nl2\r\tx", "l1\\nl2\\r\\tx")]
    [InlineData("\u0001\u001f", "\\u0001\\u001f")]
    [InlineData("a\u2028b\u2029", "a\\u2028b\\u2029")]
    [InlineData("Zürich ✓ <b>&", "Zürich ✓ <b>&")]
    public void Escape_WritesTheInsideOfAJsonString(string text, string expected)
    {
        Assert.Equal(expected, JsonEscaper.Escape(text));
        Assert.Equal(text, JsonSerializer.Deserialize<string>("\"" + JsonEscaper.Escape(text) + "\""));
    }

    [Fact]
    public void Escape_LoneSurrogate_BecomesReplacementCharacter()
    {
        Assert.Equal("a\\ufffdb", JsonEscaper.Escape("a\ud800b"));
    }

    [Fact]
    public void Render_JsonTemplate_EscapesValuesButNotTemplateText()
    {
        using var dir = new TempDirectory();
        dir.Write("alert.json.sbn", "{\"text\": \"{{ title }}\", \"n\": {{ count }}}");

        var json = TemplateSet.FromDirectory(dir.Path).Render("alert.json.sbn", new { Title = "x\", \"evil\": \"1\n", Count = 3 });

        using var doc = JsonDocument.Parse(json);
        Assert.Equal("x\", \"evil\": \"1\n", doc.RootElement.GetProperty("text").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("n").GetInt32());
        Assert.False(doc.RootElement.TryGetProperty("evil", out _));
    }
}
