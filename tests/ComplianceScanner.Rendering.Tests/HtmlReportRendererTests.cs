using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Rendering.Templates;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Rendering.Tests;

public class HtmlReportRendererTests
{
    private const string Token = "zzPAYLOADzz";

    private static readonly Lazy<HtmlReportRenderer> Renderer = new(() => new HtmlReportRenderer(TemplateSet.FromDirectory(RepoPaths.At("templates"))));

    public static TheoryData<string> Payloads =>
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "</style><script>alert(1)</script>",
        "javascript:alert(1)",
        "</textarea></title></script><!--",
        "{{ report.scan.cluster }} & &amp; &lt;",
    ];

    [Theory]
    [MemberData(nameof(ReportJsonTests.Samples), MemberType = typeof(ReportJsonTests))]
    public void Render_SampleReport_MatchesGoldenFile(string sample)
    {
        Golden.AssertMatches(Render(ReportJsonTests.Sample(sample)), $"tests/ComplianceScanner.Rendering.Tests/Golden/{sample}.expected.html");
    }

    [Fact]
    public void Render_IncompleteReport_ShowsBannerWithEveryMissingKindReasonAndRuleError()
    {
        var html = Render(ReportSamples.Incomplete());

        var banner = Section(html, "<section class=\"banner\" id=\"incomplete\" role=\"alert\">");
        Assert.Contains("<h2>INCOMPLETE</h2>", banner);
        Assert.Contains("<code>RoleBinding</code>", banner);
        Assert.Contains("cannot list resource &quot;rolebindings&quot;", banner);
        Assert.Contains("<code>list rolebindings.rbac.authorization.k8s.io (cluster-wide)</code>", banner);
        Assert.Contains("<code>IngressClass</code>", banner);
        Assert.Contains("<code>SOD-ING-003</code></td><td>rule crashed: host pattern &#39;[&#39; is not a valid wildcard", banner);
        Assert.StartsWith("<title>INCOMPLETE", html[html.IndexOf("<title>", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("verdict clean", html);
    }

    [Fact]
    public void Render_IncompleteReportWithoutOpenFindings_IsNeverShownAsClean()
    {
        var report = ReportSamples.Incomplete() with { Findings = [], Summary = new ReportSummary { BySeverity = ReportSamples.Complete().Summary.BySeverity } };

        var html = Render(report);

        Assert.Contains("verdict incomplete", html);
        Assert.DoesNotContain("No open findings", html);
        Assert.Contains("No findings in the data that could be read.", html);
    }

    [Fact]
    public void Render_CompleteReportWithoutOpenFindings_IsShownAsClean()
    {
        var report = ReportSamples.Complete() with { Findings = [], Summary = new ReportSummary { BySeverity = ReportSamples.Complete().Summary.BySeverity } };

        var html = Render(report);

        Assert.Contains("<p class=\"verdict clean\">No open findings</p>", html);
        Assert.DoesNotContain("id=\"incomplete\"", html);
    }

    [Fact]
    public void Render_CompleteReport_HasNoIncompleteBanner()
    {
        Assert.DoesNotContain("INCOMPLETE", Render(ReportSamples.Complete()));
    }

    [Fact]
    public void Render_ExceptedFinding_ShowsApproverAndExpiry()
    {
        var html = Render(ReportSamples.Complete());

        var row = Section(html, "<tr id=\"finding-0c9d8e7f6a5b4c3d\"");
        Assert.Contains("<span class=\"badge state-excepted\">excepted</span><br><span class=\"muted\">approved by</span> jane.doe@example.com (CISO)<br><span class=\"muted\">until</span> 2025-09-30", row);
        Assert.Contains("<details><summary>Evidence and remediation</summary>", row);
        Assert.Contains("<a class=\"nowrap\" href=\"docs/rules/SOD-ING-002.md\"><code>SOD-ING-002</code></a>", row);
    }

    [Fact]
    public void Render_Teams_ListTheirBoundariesAndLinkTheirFindings()
    {
        var html = Render(ReportSamples.Complete());

        var team = Section(html, "<article class=\"team\" id=\"team-payments\">");
        Assert.Contains("<dt>Hosts</dt><dd><code>pay.example.com</code>, <code>*.pay.example.com</code></dd>", team);
        Assert.Contains("<dt>Requires TLS</dt><dd>yes</dd>", team);
        Assert.Contains("<a href=\"#finding-5be1a27c90d4e3f6\">", team);
        Assert.Contains("<a href=\"#finding-0c9d8e7f6a5b4c3d\">", team);
        Assert.DoesNotContain("#finding-a3f9c1d2e4b5a6c7", team);
    }

    [Fact]
    public void Render_Report_IsSelfContained()
    {
        var html = Render(ReportSamples.Incomplete());

        Assert.DoesNotMatch(new Regex(@"\b(src|href)\s*=\s*""(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_ContentSecurityPolicy_AllowsExactlyTheInlineStyleAndScript()
    {
        var html = Render(ReportSamples.Complete());

        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains($"style-src '{Hash(style)}'", html);
        Assert.Contains($"script-src '{Hash(script)}'", html);
        Assert.Contains("default-src 'none'", html);
        Assert.Equal(1, Regex.Count(html, "<script"));
        Assert.Equal(1, Regex.Count(html, "<style"));
    }

    [Fact]
    public void Render_SameReportTwice_GivesIdenticalOutput()
    {
        Assert.Equal(Render(ReportSamples.Incomplete()), Render(ReportSamples.Incomplete()));
    }

    /// <summary>
    /// Every string of the report carries the payload. The output must be exactly the output for a harmless token with
    /// the token replaced by the escaped payload: nothing is unescaped, nothing is dropped, and the page structure
    /// (tags, attributes, scripts) is identical. Only rule links differ when the payload is a script URL.
    /// </summary>
    [Theory]
    [MemberData(nameof(Payloads))]
    public void Render_HostileStringsInEveryField_AreEscapedEverywhere(string payload)
    {
        var benign = Render(ReportSamples.Hostile(Token));
        var hostile = Render(ReportSamples.Hostile(payload));

        var expected = payload.StartsWith("javascript:", StringComparison.Ordinal)
            ? benign.Replace($"href=\"{Token}\"", $"href=\"{TemplateFunctions.UnsafeUrl}\"", StringComparison.Ordinal)
            : benign;
        Assert.Equal(expected.Replace(Token, HtmlEscaper.Escape(payload), StringComparison.Ordinal), hostile);
        Assert.Contains(Token, benign);
        Assert.Equal(1, Regex.Count(hostile, "<script"));
        Assert.Equal(1, Regex.Count(hostile, "</style>"));
        Assert.DoesNotContain("<img", hostile);
        Assert.DoesNotContain("<svg onload", hostile);
        Assert.DoesNotMatch(new Regex(@"href\s*=\s*""\s*javascript:", RegexOptions.IgnoreCase), hostile);
    }

    [Fact]
    public void Render_LargeReport_IsCompleteBeyondScribansDefaultOutputLimit()
    {
        var sample = ReportSamples.Complete();
        var findings = Enumerable.Range(0, 5000).Select(i => sample.Findings[i % 4] with { Id = $"f{i:D6}" }).ToArray();
        var report = sample with { Findings = [.. findings] };

        var html = Render(report);

        Assert.True(html.Length > 2 * 1024 * 1024, $"expected a large page, got {html.Length} characters");
        Assert.Equal(5000, Regex.Count(html, "<tr id=\"finding-f"));
        Assert.EndsWith("</html>\n", html);
    }

    [Fact]
    public void Render_TemplatesFromOtherDirectory_UsesThatDirectorysTemplate()
    {
        using var dir = new TempDirectory();
        dir.Write("report.html.sbn", "<h1>custom {{ report.scan.cluster }} {{ view.duration }}</h1>");
        var renderer = new HtmlReportRenderer(TemplateSet.FromDirectory(dir.Path));

        var html = renderer.Render(ReportSamples.Complete() with { Scan = ReportSamples.Complete().Scan with { Cluster = "<b>c</b>" } });

        Assert.Equal("<h1>custom &lt;b&gt;c&lt;/b&gt; 4.2 s</h1>", html);
    }

    [Fact]
    public void Render_DirectoryWithoutReportTemplate_FailsNamingTheTemplate()
    {
        using var dir = new TempDirectory();
        dir.Write("other.html.sbn", "x");
        var renderer = new HtmlReportRenderer(TemplateSet.FromDirectory(dir.Path));

        var error = Assert.Throws<TemplateRenderException>(() => renderer.Render(ReportSamples.Complete()));

        Assert.Equal($"{dir.Path}: error: no template 'report.html.sbn' (available: other.html.sbn)", error.Message);
    }

    private static string Render(ScanReport report) => Renderer.Value.Render(report);

    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Section(string html, string start)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' not found");
        var tag = start[1..start.IndexOfAny([' ', '>'])];
        var to = html.IndexOf($"</{tag}>", from, StringComparison.Ordinal);
        return html[from..to];
    }
}
