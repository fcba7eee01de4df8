using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceScanner.Rendering.Sarif;
using ComplianceScanner.TestSupport;
using Json.Schema;

namespace ComplianceScanner.Rendering.Tests.Sarif;

/// <summary>
/// SARIF output validated against TestData/sarif-2.1.0-subset.schema.json: the SARIF 2.1.0 objects the scanner writes,
/// written for these tests from the specification (required properties, enums, value constraints, no unknown properties).
/// </summary>
public class SarifWriterTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(RepoPaths.At("tests", "ComplianceScanner.Rendering.Tests", "TestData", "sarif-2.1.0-subset.schema.json"))));

    [Theory]
    [MemberData(nameof(ReportJsonTests.Samples), MemberType = typeof(ReportJsonTests))]
    public void Sample_report_is_valid_sarif(string sample)
    {
        var errors = Validate(SarifWriter.Write(ReportJsonTests.Sample(sample)));

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Theory]
    [MemberData(nameof(HtmlReportRendererTests.Payloads), MemberType = typeof(HtmlReportRendererTests))]
    public void Report_of_hostile_strings_is_valid_sarif(string payload)
    {
        var errors = Validate(SarifWriter.Write(ReportSamples.Hostile(payload)));

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void Demo_report_is_valid_sarif()
    {
        var report = ReportJson.Deserialize(File.ReadAllText(RepoPaths.At("tests", "ComplianceScanner.Tests", "Demo", "Golden", "report.json")));

        var errors = Validate(SarifWriter.Write(report));

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Theory]
    [InlineData("/runs/0/results/0/level", "severe")]
    [InlineData("/runs/0/results/0/suppressions", "x")]
    [InlineData("/runs/0/results/0/locations/0/physicalLocation/region/startLine", 0)]
    [InlineData("/runs/0/tool/driver/rules/0/typo", "x")]
    [InlineData("/version", "2.0.0")]
    public void Schema_rejects_what_the_specification_forbids(string pointer, object value)
    {
        var sarif = JsonNode.Parse(SarifWriter.Write(SampleWithRegion()))!;
        var parts = pointer.Trim('/').Split('/');
        var parent = parts[..^1].Aggregate(sarif, (node, part) => int.TryParse(part, out var i) ? node[i]! : node[part]!);
        parent[parts[^1]] = JsonValue.Create(value);

        Assert.NotEmpty(Validate(sarif.ToJsonString()));
    }

    private static Core.Reporting.ScanReport SampleWithRegion()
    {
        var report = ReportSamples.Complete();
        return report with { Findings = [report.Findings[0] with { Source = new("manifests/a.yaml", 0, 4) }] };
    }

    private static List<string> Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return [];
        }

        return [.. (result.Details ?? [result])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }
}
