using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Rendering.Sarif;
using ComplianceScanner.Rendering.Templates;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Rendering.Tests;

public class ReportFormatsTests
{
    private static readonly Lazy<TemplateSet> Templates = new(() => TemplateSet.FromDirectory(RepoPaths.At("templates")));

    public static TheoryData<string, string> GoldenCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var sample in new[] { "complete", "incomplete" })
        {
            foreach (var format in new[] { "markdown", "junit", "sarif", "policyreport" })
            {
                data.Add(sample, format);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Format_of_sample_report_matches_golden_file(string sample, string format)
    {
        var f = ReportFormats.Find(format)!;
        var text = f.Render(ReportJsonTests.Sample(sample), Templates.Value);
        Golden.AssertMatches(text, $"tests/ComplianceScanner.Rendering.Tests/Golden/{sample}.expected.{f.FileName["report.".Length..]}");
    }

    [Theory]
    [MemberData(nameof(ReportJsonTests.Samples), MemberType = typeof(ReportJsonTests))]
    public void Streaming_formats_write_exactly_the_utf8_of_their_rendered_text(string sample)
    {
        var report = ReportJsonTests.Sample(sample);
        var streamed = ReportFormats.All.Where(f => f.WriteTo is not null).ToList();
        Assert.Equal(["html", "json"], streamed.Select(f => f.Name));
        foreach (var format in streamed)
        {
            using var stream = new MemoryStream();
            format.WriteTo!(report, Templates.Value, stream);
            var expected = new System.Text.UTF8Encoding(false).GetBytes(format.Render(report, Templates.Value));
            Assert.True(expected.AsSpan().SequenceEqual(stream.ToArray()), $"{format.Name}: streamed {stream.Length} bytes, rendered {expected.Length}");
        }
    }

    [Fact]
    public void Every_format_has_a_distinct_file_name_and_templates_exist_for_template_formats()
    {
        Assert.Equal(ReportFormats.All.Count, ReportFormats.All.Select(f => f.FileName).Distinct().Count());
        Assert.Equal(["html", "json", "sarif", "junit", "markdown", "policyreport"], ReportFormats.Names);
        foreach (var f in ReportFormats.All)
        {
            // Rendering proves the template exists and runs on a real report.
            Assert.False(string.IsNullOrWhiteSpace(f.Render(ReportSamples.Complete(), Templates.Value)));
        }
    }

    [Fact]
    public void Junit_is_well_formed_xml_with_one_case_per_finding_and_a_passing_case_per_clean_rule()
    {
        var report = ReportSamples.Incomplete();
        var xml = XDocument.Parse(ReportFormats.Find("junit")!.Render(report, Templates.Value));
        var cases = xml.Descendants("testcase").ToList();
        var rulesWithoutFindings = report.Rules.Count(r => report.Findings.All(f => f.RuleId != r.Id));
        var incompleteCase = report.Incomplete ? 1 : 0;
        Assert.Equal(report.Findings.Length + rulesWithoutFindings + incompleteCase, cases.Count);
        Assert.Equal(report.Findings.Count(f => f.State == "open"), xml.Descendants("failure").Count());
        Assert.Equal(report.Findings.Count(f => f.State != "open"), xml.Descendants("skipped").Count());
        Assert.Single(xml.Descendants("error"));
        Assert.Equal(cases.Count - incompleteCase, int.Parse(xml.Root!.Attribute("tests")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(HtmlReportRendererTests.Payloads), MemberType = typeof(HtmlReportRendererTests))]
    public void Junit_stays_well_formed_with_hostile_strings_and_control_characters(string payload)
    {
        var xml = ReportFormats.Find("junit")!.Render(ReportSamples.Hostile(payload + "\u0001\u001b[2J"), Templates.Value);
        var doc = XDocument.Parse(xml);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "img" or "svg");
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))", @"\[click\](javascript:alert(1))")]
    [InlineData("![x](http://evil/)", @"!\[x\](http://evil/)")]
    [InlineData("<img src=x onerror=alert(1)>", @"\<img src=x onerror=alert(1)\>")]
    [InlineData("a|b", @"a\|b")]
    [InlineData("**bold** _it_ `code`", @"\*\*bold\*\* \_it\_ \`code\`")]
    [InlineData("line1\nline2\r\n", "line1 line2  ")]
    [InlineData("# heading", @"\# heading")]
    [InlineData("- item", @"\- item")]
    [InlineData("a-b.c (d)", "a-b.c (d)")]
    [InlineData("esc\u001b[2Jape\u202Ebidi", @"esc\[2Japebidi")]
    [InlineData("&lt;", @"\&lt;")]
    public void Markdown_values_are_shown_literally(string value, string expected) =>
        Assert.Equal(expected, MarkdownEscaper.Escape(value));

    [Fact]
    public void Markdown_report_escapes_every_cluster_string()
    {
        var md = ReportFormats.Find("markdown")!.Render(ReportSamples.Hostile("[x](javascript:alert(1))<b>|"), Templates.Value);
        Assert.DoesNotMatch(new Regex(@"(?<!\\)\[x(?<!\\)\]"), md);
        Assert.DoesNotContain("<b>", md);
    }

    [Fact]
    public void Sarif_has_the_required_structure_and_maps_severity_state_and_location()
    {
        var report = ReportSamples.Incomplete();
        using var doc = JsonDocument.Parse(SarifWriter.Write(report));
        var root = doc.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(report.Rules.Select(r => r.Id), rules.Select(r => r.GetProperty("id").GetString()));
        Assert.False(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(report.Findings.Length, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var f = report.Findings[i];
            var r = results[i];
            Assert.Equal(f.RuleId, r.GetProperty("ruleId").GetString());
            Assert.Equal(SarifWriter.Level(f.Severity), r.GetProperty("level").GetString());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("message").GetProperty("text").GetString()));
            Assert.Equal(f.Id, r.GetProperty("partialFingerprints").GetProperty("complianceScanner/v1").GetString());
            Assert.Equal(f.State != "open", r.TryGetProperty("suppressions", out _));
            if (r.TryGetProperty("ruleIndex", out var index))
            {
                Assert.Equal(f.RuleId, rules[index.GetInt32()].GetProperty("id").GetString());
            }

            var location = r.GetProperty("locations")[0];
            if (SarifWriter.Uri(f, report.Scan.Cluster) is { } uri)
            {
                Assert.Equal(uri, location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
            }
        }
    }

    [Fact]
    public void Sarif_points_live_objects_at_a_k8s_uri_and_files_at_their_line()
    {
        var file = new ReportFinding
        {
            Id = "1", RuleId = "SOD-ING-001", Title = "t", Severity = "high", Layer = "namespace", State = "open", Message = "m", Remediation = "r", DocUrl = "d",
            Object = new ReportObject("Ingress", "shop", "a"), Source = new ReportSource("cluster/shop.yaml", 0, 12),
        };
        Assert.Equal("cluster/shop.yaml", SarifWriter.Uri(file, "prod"));
        Assert.Equal("cluster/my%20dir/a%23b.yaml", SarifWriter.Uri(file with { Source = new ReportSource("cluster/my dir/a#b.yaml", 0, 3) }, "prod"));
        Assert.Equal("k8s://prod/networking.k8s.io/v1/Ingress/shop/a", SarifWriter.Uri(file with { Source = null }, "prod"));
        Assert.Equal("k8s://prod/rbac.authorization.k8s.io/v1/ClusterRole/admin", SarifWriter.Uri(file with { Source = null, Object = new ReportObject("ClusterRole", null, "admin") }, "prod"));
        Assert.Equal("k8s://prod/v1/ServiceAccount/ci/deployer", SarifWriter.Uri(file with { Source = null, Object = new ReportObject("ServiceAccount", "ci", "deployer") }, "prod"));
        Assert.Equal("k8s://prod/networking.k8s.io/v1/Ingress/shop/a", SarifWriter.Uri(file with { Source = new ReportSource("k8s://Ingress/shop/a", 0, 0) }, "prod"));
        Assert.Equal("file:///srv/m/a.yaml", SarifWriter.Uri(file with { Source = new ReportSource("/srv/m/a.yaml", 0, 3) }, "prod"));
        Assert.Equal("k8s://prod-eu/unknown/Widget/ns/a%2Fb", SarifWriter.Uri(file with { Source = null, Object = new ReportObject("Widget", "ns", "a/b") }, "prod eu"));
    }
}
