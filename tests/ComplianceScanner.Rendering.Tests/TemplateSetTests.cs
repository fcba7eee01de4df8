namespace ComplianceScanner.Rendering.Tests;

public class TemplateSetTests
{
    [Fact]
    public void FromDirectory_LoadsSbnFilesRecursivelyWithSlashNames()
    {
        using var dir = new TempDirectory();
        dir.Write("report.html.sbn", "a");
        dir.Write(Path.Combine("partials", "row.html.sbn"), "b");
        dir.Write("notes.txt", "not a template");

        var set = TemplateSet.FromDirectory(dir.Path);

        Assert.Equal(["partials/row.html.sbn", "report.html.sbn"], set.Names);
        Assert.True(set.Contains("partials/row.html.sbn"));
        Assert.Equal(dir.Path, set.Directory);
    }

    [Fact]
    public void FromDirectory_SyntaxError_ThrowsNamingFileLineAndColumn()
    {
        using var dir = new TempDirectory();
        dir.Write("report.html.sbn", "<html>\n<body>\n  {{ if report.incomplete }}\n  <p>x</p>\n");

        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory(dir.Path));

        var file = Path.Combine(dir.Path, "report.html.sbn");
        Assert.StartsWith($"{file}(3,", error.Message);
        Assert.Contains("): error: ", error.Message);
        Assert.Equal(file, error.TemplatePath);
        Assert.Equal(3, error.Line);
        Assert.True(error.Column > 0);
    }

    [Fact]
    public void FromDirectory_SyntaxErrorsInSeveralFiles_ListsEachFile()
    {
        using var dir = new TempDirectory();
        dir.Write("a.html.sbn", "{{ for }}");
        dir.Write("b.html.sbn", "ok\n{{ x = }}");

        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory(dir.Path));

        Assert.Contains(Path.Combine(dir.Path, "a.html.sbn") + "(1,", error.Message);
        Assert.Contains(Path.Combine(dir.Path, "b.html.sbn") + "(2,", error.Message);
    }

    [Fact]
    public void FromDirectory_RelativeDirectory_IsNamedAsGivenInMessages()
    {
        using var dir = new TempDirectory();
        dir.Write(Path.Combine("templates", "report.html.sbn"), "line one\n\n    {{ end }}");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(dir.Path, "templates"));

        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory(relative));

        Assert.Equal($"{relative}/report.html.sbn(3,10): error: Error while parsing ScriptPage: Found <end> statement without a corresponding beginning of a block in: ...", error.Message);
    }

    [Fact]
    public void FromDirectory_MissingDirectory_ThrowsTypedError()
    {
        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory("/nonexistent/templates"));

        Assert.Equal("/nonexistent/templates: error: templates directory not found (pass --templates with a directory of *.sbn files)", error.Message);
    }

    [Fact]
    public void FromDirectory_DirectoryWithoutTemplates_ThrowsTypedError()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory(dir.Path));

        Assert.EndsWith("error: no *.sbn templates in the templates directory", error.Message);
    }

    [Fact]
    public void Render_RuntimeError_ThrowsNamingFileLineAndColumn()
    {
        using var dir = new TempDirectory();
        dir.Write("page.html.sbn", "<p>\n  {{ model.missing_member }}\n</p>");

        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory(dir.Path).Render("page.html.sbn", new { Model = new { Name = "x" } }));

        Assert.StartsWith($"{Path.Combine(dir.Path, "page.html.sbn")}(2,", error.Message);
        Assert.Contains("missing_member", error.Message);
        Assert.Equal(2, error.Line);
        Assert.DoesNotContain("   at ", error.Message);
    }

    [Fact]
    public void Render_UnknownVariable_FailsInsteadOfPrintingNothing()
    {
        using var dir = new TempDirectory();
        dir.Write("page.sbn", "{{ titel }}");

        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory(dir.Path).Render("page.sbn", new { Title = "x" }));

        Assert.Equal($"{Path.Combine(dir.Path, "page.sbn")}(1,4): error: The variable or function `titel` was not found", error.Message);
    }

    [Fact]
    public void Render_ErrorInIncludedPartial_NamesThePartialFile()
    {
        using var dir = new TempDirectory();
        dir.Write("page.html.sbn", "{{ include 'partials/p.html.sbn' }}");
        dir.Write(Path.Combine("partials", "p.html.sbn"), "ok\nok {{ 1 / nothing.at_all }}");

        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory(dir.Path).Render("page.html.sbn", new { }));

        Assert.StartsWith($"{Path.Combine(dir.Path, "partials", "p.html.sbn")}(2,", error.Message);
    }

    [Fact]
    public void Render_IncludedPartial_IsEscapedOnceAndMayOmitExtension()
    {
        using var dir = new TempDirectory();
        dir.Write("page.html.sbn", "<div>{{ include 'partials/p.html' }}</div>");
        dir.Write(Path.Combine("partials", "p.html.sbn"), "<b>{{ name }}</b>");

        var html = TemplateSet.FromDirectory(dir.Path).Render("page.html.sbn", new { Name = "a<b" });

        Assert.Equal("<div><b>a&lt;b</b></div>", html);
    }

    [Theory]
    [InlineData("../secret.sbn")]
    [InlineData("partials/../../secret.sbn")]
    [InlineData("..\\secret.sbn")]
    [InlineData("/etc/passwd")]
    [InlineData("~/secret.sbn")]
    [InlineData("file:///etc/passwd")]
    public void Render_IncludeOutsideTheTemplatesDirectory_IsRefused(string name)
    {
        using var root = new TempDirectory();
        root.Write("secret.sbn", "TOP-SECRET");
        var templates = Path.Combine(root.Path, "templates");
        root.Write(Path.Combine("templates", "page.html.sbn"), $"{{{{ include '{name.Replace("\\", "\\\\", StringComparison.Ordinal)}' }}}}");
        root.Write(Path.Combine("templates", "partials", "ok.sbn"), "fine");

        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory(templates).Render("page.html.sbn", new { }));

        Assert.Equal(
            $"{Path.Combine(templates, "page.html.sbn")}(1,4): error: include '{name}' refused: templates may only include files inside the templates directory {templates}",
            error.Message);
    }

    [Fact]
    public void Render_IncludeOfMissingPartial_ListsAvailableTemplates()
    {
        using var dir = new TempDirectory();
        dir.Write("page.html.sbn", "{{ include 'partials/nope.sbn' }}");

        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory(dir.Path).Render("page.html.sbn", new { }));

        Assert.EndsWith($"error: include 'partials/nope.sbn': no template 'partials/nope.sbn' in {dir.Path} (available: page.html.sbn)", error.Message);
    }

    [Fact]
    public void Render_TemplateIncludingItself_StopsAtTheRecursionLimit()
    {
        using var dir = new TempDirectory();
        dir.Write("page.html.sbn", "x{{ include 'page.html.sbn' }}");

        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory(dir.Path).Render("page.html.sbn", new { }));

        Assert.Contains($"limit `{TemplateSet.RecursiveLimit}`", error.Message);
    }

    [Fact]
    public void Render_EndlessLoop_StopsAtTheLoopLimit()
    {
        using var dir = new TempDirectory();
        dir.Write("page.sbn", "{{ while true }}{{ end }}");

        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory(dir.Path).Render("page.sbn", new { }));

        Assert.Contains($"iteration limit `{TemplateSet.LoopLimit}`", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Render_HtmlTemplate_EscapesEveryOutputValue()
    {
        using var dir = new TempDirectory();
        dir.Write("page.html.sbn", "<p title=\"{{ text }}\">{{ text }}|{{ text | string.upcase }}|{{ [text] }}|{{ '<i>' + text }}</p>");

        var html = TemplateSet.FromDirectory(dir.Path).Render("page.html.sbn", new { Text = "\"'<&>" });

        Assert.Equal("<p title=\"&quot;&#39;&lt;&amp;&gt;\">&quot;&#39;&lt;&amp;&gt;|&quot;&#39;&lt;&amp;&gt;|[&quot;\\&quot;&#39;&lt;&amp;&gt;&quot;]|&lt;i&gt;&quot;&#39;&lt;&amp;&gt;</p>", html);
    }

    [Fact]
    public void Render_HtmlEscapeFilter_DoesNotEscapeTwice()
    {
        using var dir = new TempDirectory();
        dir.Write("page.html.sbn", "{{ text | html.escape }}|{{ text | html.escape | html.escape }}|{{ html.raw '<br>' }}");

        var html = TemplateSet.FromDirectory(dir.Path).Render("page.html.sbn", new { Text = "a<b" });

        Assert.Equal("a&lt;b|a&lt;b|<br>", html);
    }

    [Fact]
    public void Render_TextTemplate_WritesValuesUnescaped()
    {
        using var dir = new TempDirectory();
        dir.Write("summary.txt.sbn", "# {{ title }} & {{ title | html.escape }}");

        var text = TemplateSet.FromDirectory(dir.Path).Render("summary.txt.sbn", new { Title = "a<b" });

        Assert.Equal("# a<b & a&lt;b", text);
    }

    [Fact]
    public void Render_MarkdownTemplate_EscapesValuesButNotTemplateText()
    {
        using var dir = new TempDirectory();
        dir.Write("summary.md.sbn", "# {{ title }} **bold**");

        var text = TemplateSet.FromDirectory(dir.Path).Render("summary.md.sbn", new { Title = "a<b> [x](y)" });

        Assert.Equal(@"# a\<b\> \[x\](y) **bold**", text);
    }

    [Fact]
    public void Render_DictionaryModel_ExposesKeysAsVariables()
    {
        using var dir = new TempDirectory();
        dir.Write("page.sbn", "{{ cluster }}/{{ count }}");

        var text = TemplateSet.FromDirectory(dir.Path).Render("page.sbn", new Dictionary<string, object?> { ["cluster"] = "c", ["count"] = 3 });

        Assert.Equal("c/3", text);
    }

    [Fact]
    public void Render_TimesAndDateFunctions_UseOneCultureFreeForm()
    {
        using var dir = new TempDirectory();
        dir.Write("page.sbn", "{{ at }}|{{ local }}|{{ at | date.to_string '%Y-%m-%d' }}");
        var at = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

        var text = TemplateSet.FromDirectory(dir.Path).Render("page.sbn", new { At = at, Local = at.ToOffset(TimeSpan.FromHours(2)) });

        Assert.Equal("2025-03-14 09:26:53 UTC|2025-03-14 11:26:53 +02:00|2025-03-14", text);
    }

    [Fact]
    public void Render_UnknownTemplateName_ListsAvailableTemplates()
    {
        using var dir = new TempDirectory();
        dir.Write("a.sbn", "a");

        var error = Assert.Throws<TemplateRenderException>(() => TemplateSet.FromDirectory(dir.Path).Render("../a.sbn", new { }));

        Assert.Equal($"{dir.Path}: error: no template '../a.sbn' (available: a.sbn)", error.Message);
    }

    [Fact]
    public void DefaultDirectory_IsTemplatesBesideTheExecutable()
    {
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "templates"), TemplateSet.DefaultDirectory);
    }
}
