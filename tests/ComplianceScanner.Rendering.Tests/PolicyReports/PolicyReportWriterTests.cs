using System.Text;
using System.Text.Json;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Rendering.PolicyReports;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Rendering.Tests.PolicyReports;

public class PolicyReportWriterTests
{
    [Fact]
    public void Complete_report_gives_a_cluster_report_and_one_report_per_namespace_with_findings_or_a_team()
    {
        var docs = PolicyReportWriter.Build(ReportSamples.Complete());

        Assert.Equal(
            ["ClusterPolicyReport/-/compliance-scanner", "PolicyReport/payments/compliance-scanner", "PolicyReport/payments-batch/compliance-scanner", "PolicyReport/shop/compliance-scanner"],
            docs.Select(d => $"{d.Kind}/{d.Namespace ?? "-"}/{d.Name}"));
        using var shop = JsonDocument.Parse(docs.Single(d => d.Namespace == "shop").Json);
        Assert.Empty(shop.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(0, shop.RootElement.GetProperty("summary").GetProperty("fail").GetInt32());
    }

    [Fact]
    public void Results_map_rule_state_severity_layer_and_object()
    {
        var report = ReportSamples.Complete();
        var docs = PolicyReportWriter.Build(report);

        foreach (var f in report.Findings)
        {
            var doc = docs.Single(d => d.Namespace == f.Namespace);
            using var json = JsonDocument.Parse(doc.Json);
            var result = json.RootElement.GetProperty("results").EnumerateArray()
                .Single(r => r.GetProperty("properties").GetProperty("findingId").GetString() == f.Id);
            Assert.Equal(f.RuleId, result.GetProperty("policy").GetString());
            Assert.Equal(f.Title, result.GetProperty("rule").GetString());
            Assert.Equal(f.State == "open" ? "fail" : "skip", result.GetProperty("result").GetString());
            Assert.Equal(f.Severity, result.GetProperty("severity").GetString());
            Assert.Equal(f.Layer, result.GetProperty("category").GetString());
            Assert.Equal(f.Message, result.GetProperty("message").GetString());
            Assert.Equal(report.Scan.FinishedAt.ToUnixTimeSeconds(), result.GetProperty("timestamp").GetProperty("seconds").GetInt64());
            if (f.Object is { } o)
            {
                var resource = Assert.Single(result.GetProperty("resources").EnumerateArray());
                Assert.Equal(o.Kind, resource.GetProperty("kind").GetString());
                Assert.Equal(o.Name, resource.GetProperty("name").GetString());
                Assert.Equal(KubernetesKinds.ApiVersionOf(o.Kind), resource.GetProperty("apiVersion").GetString());
                Assert.Equal(o.Namespace is not null, resource.TryGetProperty("namespace", out _));
            }
            else
            {
                Assert.False(result.TryGetProperty("resources", out _));
            }
        }
    }

    [Theory]
    [InlineData("critical", "critical")]
    [InlineData("medium", "medium")]
    [InlineData("info", "info")]
    [InlineData("unheard-of", "info")]
    public void Severity_maps_to_the_spec_enum(string severity, string expected) =>
        Assert.Equal(expected, PolicyReportWriter.SeverityOf(severity));

    [Fact]
    public void Incomplete_scan_adds_an_error_result_and_an_annotation_so_it_never_looks_clean()
    {
        var docs = PolicyReportWriter.Build(ReportSamples.Incomplete());

        using var cluster = JsonDocument.Parse(docs[0].Json);
        var first = cluster.RootElement.GetProperty("results")[0];
        Assert.Equal(PolicyReportWriter.CompletenessPolicy, first.GetProperty("policy").GetString());
        Assert.Equal("error", first.GetProperty("result").GetString());
        Assert.Contains("RoleBinding could not be read", first.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("rule SOD-ING-003 failed", first.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, cluster.RootElement.GetProperty("summary").GetProperty("error").GetInt32());
        Assert.All(docs, d => Assert.Contains("compliancescanner.io/incomplete: \"true\"", d.Yaml, StringComparison.Ordinal));
    }

    [Fact]
    public void Large_report_is_split_into_numbered_objects_each_within_the_size_limit_and_nothing_is_lost()
    {
        var report = Large(5_000);

        var docs = PolicyReportWriter.Build(report);

        var shop = docs.Where(d => d.Namespace == "shop").ToList();
        Assert.True(shop.Count >= 3, $"expected a split, got {shop.Count} object(s)");
        Assert.Equal(Enumerable.Range(1, shop.Count).Select(i => $"compliance-scanner-{i}"), shop.Select(d => d.Name));
        Assert.All(docs, d =>
        {
            Assert.InRange(Encoding.UTF8.GetByteCount(d.Json), 1, PolicyReportWriter.MaxObjectBytes);
            Assert.InRange(Encoding.UTF8.GetByteCount(d.Yaml), 1, PolicyReportWriter.MaxObjectBytes);
        });
        var ids = new List<string>();
        for (var i = 0; i < shop.Count; i++)
        {
            using var json = JsonDocument.Parse(shop[i].Json);
            var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(shop[i].Results, results.Count);
            Assert.Equal(results.Count(r => r.GetProperty("result").GetString() == "fail"), json.RootElement.GetProperty("summary").GetProperty("fail").GetInt32());
            Assert.Equal($"{i + 1} of {shop.Count}", json.RootElement.GetProperty("metadata").GetProperty("annotations").GetProperty("compliancescanner.io/part").GetString());
            ids.AddRange(results.Select(r => r.GetProperty("properties").GetProperty("findingId").GetString()!));
        }

        Assert.Equal(report.Findings.Select(f => f.Id), ids);
    }

    [Fact]
    public void A_small_limit_splits_even_a_small_report_and_halves_parts_until_they_fit()
    {
        var report = Large(40);
        var limit = Encoding.UTF8.GetByteCount(PolicyReportWriter.Build(report).Single(d => d.Namespace == "shop").Yaml) / 3;

        var docs = PolicyReportWriter.Build(report, limit);

        Assert.All(docs, d => Assert.True(Encoding.UTF8.GetByteCount(d.Yaml) <= limit && Encoding.UTF8.GetByteCount(d.Json) <= limit, d.Name));
        Assert.Equal(40, docs.Where(d => d.Namespace == "shop").Sum(d => d.Results));
    }

    [Fact]
    public void A_limit_below_one_result_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyReportWriter.Build(Large(2), 600));
    }

    [Theory]
    [MemberData(nameof(HtmlReportRendererTests.Payloads), MemberType = typeof(HtmlReportRendererTests))]
    public void Yaml_round_trips_hostile_strings_exactly(string payload)
    {
        var text = payload + "\n: - # & * ! | > ' \" % @ `\ttab 2025-03-14";
        var report = ReportSamples.Complete() with
        {
            Findings = [.. ReportSamples.Complete().Findings.Select(f => f with { Message = text, Key = "0x1F", Team = "true" })],
        };

        var yaml = PolicyReportWriter.Write(report);

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var messages = stream.Documents
            .SelectMany(d => ((YamlSequenceNode)((YamlMappingNode)d.RootNode)["results"]).Children)
            .Select(r => (YamlMappingNode)r)
            .ToList();
        Assert.Equal(report.Findings.Length, messages.Count);
        Assert.All(messages, r =>
        {
            Assert.Equal(text, ((YamlScalarNode)r["message"]).Value);
            var properties = (YamlMappingNode)r["properties"];
            var key = (YamlScalarNode)properties["key"];
            Assert.Equal("0x1F", key.Value);
            Assert.NotEqual(YamlDotNet.Core.ScalarStyle.Plain, key.Style);
        });
    }

    [Fact]
    public void Write_joins_the_objects_as_yaml_documents_in_build_order()
    {
        var report = ReportSamples.Complete();

        var stream = new YamlStream();
        stream.Load(new StringReader(PolicyReportWriter.Write(report)));

        var built = PolicyReportWriter.Build(report);
        Assert.Equal(built.Length, stream.Documents.Count);
        for (var i = 0; i < built.Length; i++)
        {
            var root = (YamlMappingNode)stream.Documents[i].RootNode;
            Assert.Equal(PolicyReportWriter.ApiVersion, ((YamlScalarNode)root["apiVersion"]).Value);
            Assert.Equal(built[i].Kind, ((YamlScalarNode)root["kind"]).Value);
            Assert.Equal(built[i].Name, ((YamlScalarNode)((YamlMappingNode)root["metadata"])["name"]).Value);
        }
    }

    /// <summary>A synthetic report with <paramref name="count"/> findings in namespace shop, each with bulky evidence (about 500 bytes per result).</summary>
    internal static ScanReport Large(int count)
    {
        var template = ReportSamples.Complete().Findings[1];
        return ReportSamples.Complete() with
        {
            Findings =
            [
                .. Enumerable.Range(0, count).Select(i => template with
                {
                    Id = i.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
                    Namespace = "shop",
                    Object = new ReportObject("Ingress", "shop", $"web-{i}"),
                    State = i % 7 == 0 ? "excepted" : "open",
                    Evidence = [new("field", $"Ingress/shop/web-{i} spec.rules[0].host", new string('x', 60)), new("boundary", "team shop hosts", "shop.example.com")],
                }),
            ],
            Teams = [],
        };
    }
}
