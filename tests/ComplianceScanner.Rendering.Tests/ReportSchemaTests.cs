using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceScanner.TestSupport;
using Json.Schema;

namespace ComplianceScanner.Rendering.Tests;

/// <summary>docs/report.schema.json is the published contract of the JSON report; these tests keep it and the serializer in step.</summary>
public class ReportSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(RepoPaths.At("docs", "report.schema.json"))));

    [Theory]
    [MemberData(nameof(ReportJsonTests.Samples), MemberType = typeof(ReportJsonTests))]
    public void SerializedSampleReport_IsValidAgainstTheSchema(string sample)
    {
        var errors = Validate(ReportJson.Serialize(ReportJsonTests.Sample(sample)));

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void Schema_DeclaresDraft202012AndVersion1_0()
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepoPaths.At("docs", "report.schema.json")))!;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        Assert.Equal(Core.Reporting.ScanReport.CurrentSchemaVersion, (string?)schema["properties"]!["schemaVersion"]!["const"]);
    }

    [Fact]
    public void ReportWithUnknownProperty_IsRejected()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Complete()))!;
        json["findings"]![0]!["extra"] = "x";

        Assert.Contains(Validate(json.ToJsonString()), e => e.StartsWith("/findings/0", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportWithUnknownSeverity_IsRejected()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Complete()))!;
        json["findings"]![1]!["severity"] = "urgent";

        Assert.Contains(Validate(json.ToJsonString()), e => e.StartsWith("/findings/1/severity", StringComparison.Ordinal));
    }

    [Fact]
    public void CompleteReportListingMissingKind_IsRejected()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Incomplete()))!;
        json["incomplete"] = false;

        Assert.Contains(Validate(json.ToJsonString()), e => e.StartsWith("/missing", StringComparison.Ordinal));
    }

    [Fact]
    public void ExceptedFindingWithoutException_IsRejected()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Complete()))!;
        json["findings"]![2]!["exception"] = null;

        Assert.Contains(Validate(json.ToJsonString()), e => e.StartsWith("/findings/2/exception", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportWithoutSummary_IsRejected()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Complete()))!.AsObject();
        json.Remove("summary");

        Assert.NotEmpty(Validate(json.ToJsonString()));
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
