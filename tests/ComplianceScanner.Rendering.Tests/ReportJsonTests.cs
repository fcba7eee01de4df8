using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Rendering.Tests;

public class ReportJsonTests
{
    private const string GoldenDirectory = "tests/ComplianceScanner.Rendering.Tests/Golden";

    public static TheoryData<string> Samples => ["complete", "incomplete"];

    internal static ScanReport Sample(string name) => name switch
    {
        "complete" => ReportSamples.Complete(),
        "incomplete" => ReportSamples.Incomplete(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown sample"),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Serialize_SampleReport_MatchesGoldenFile(string sample)
    {
        Golden.AssertMatches(ReportJson.Serialize(Sample(sample)), $"{GoldenDirectory}/{sample}.expected.json");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Serialize_ToStream_WritesExactlyTheUtf8OfTheString(string sample)
    {
        using var stream = new MemoryStream();

        ReportJson.Serialize(Sample(sample), stream);

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(ReportJson.Serialize(Sample(sample))), stream.ToArray());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Deserialize_SerializedReport_SerializesBackToIdenticalJson(string sample)
    {
        var json = ReportJson.Serialize(Sample(sample));

        var again = ReportJson.Serialize(ReportJson.Deserialize(json));

        Assert.Equal(json, again);
    }

    [Fact]
    public void Deserialize_SerializedReport_RestoresValuesAndTypes()
    {
        var original = ReportSamples.Incomplete();

        var report = ReportJson.Deserialize(ReportJson.Serialize(original));

        Assert.Equal(original.Scan.StartedAt, report.Scan.StartedAt);
        Assert.Equal(original.Scan.FinishedAt, report.Scan.FinishedAt);
        Assert.True(report.Incomplete);
        Assert.Equal(original.Missing.ToArray(), report.Missing.ToArray());
        Assert.Equal(original.Findings[2].Exception, report.Findings[2].Exception);
        Assert.Null(report.Missing[1].RequiredPermission);
        Assert.Equal(original.Findings[0].Evidence.ToArray(), report.Findings[0].Evidence.ToArray());
        Assert.Equal(original.Teams[0].Hosts.ToArray(), report.Teams[0].Hosts.ToArray());
        Assert.Equal(original.Inventory, report.Inventory);
        Assert.Equal(original.UnknownKinds, report.UnknownKinds);
    }

    [Fact]
    public void Serialize_AbsentOptionalValues_AreWrittenAsExplicitNull()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Complete()))!;

        var configFinding = json["findings"]![3]!.AsObject();
        Assert.True(configFinding.ContainsKey("object"));
        Assert.Null(configFinding["object"]);
        Assert.True(configFinding.ContainsKey("exception"));
        Assert.Null(configFinding["exception"]);
        Assert.Null(json["findings"]![0]!["object"]!["namespace"]);
    }

    [Fact]
    public void Serialize_PropertyNames_AreCamelCaseInModelOrder()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Complete()))!.AsObject();

        Assert.Equal(
            ["schemaVersion", "scanner", "scan", "incomplete", "missing", "summary", "findings", "teams", "duties", "matrix", "exceptions", "ruleErrors", "rules", "inventory", "unknownKinds", "drift", "signingKey", "trend"],
            json.Select(p => p.Key));
        Assert.Equal(71, (int)json["inventory"]!["ClusterRole"]!);
    }

    [Fact]
    public void Serialize_NonAsciiText_StaysReadableButHtmlCharactersAreEscaped()
    {
        var report = ReportSamples.Complete() with { Scan = ReportSamples.Complete().Scan with { Cluster = "prod-zürich <eu>" } };

        var json = ReportJson.Serialize(report);

        Assert.Contains("\"cluster\": \"prod-zürich \\u003Ceu\\u003E\"", json);
        Assert.DoesNotContain("\r", json);
    }

    [Fact]
    public void Deserialize_MissingRequiredProperty_ThrowsJsonExceptionNamingIt()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Complete()))!.AsObject();
        json.Remove("summary");

        var error = Assert.Throws<JsonException>(() => ReportJson.Deserialize(json.ToJsonString()));

        Assert.Contains("summary", error.Message);
    }

    [Fact]
    public void Deserialize_NullForNonNullableString_ThrowsJsonExceptionWithPath()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Complete()))!;
        json["findings"]![0]!["ruleId"] = null;

        var error = Assert.Throws<JsonException>(() => ReportJson.Deserialize(json.ToJsonString()));

        Assert.Contains("$.findings[0].ruleId", error.Message);
    }

    [Theory]
    [InlineData("findings")]
    [InlineData("missing")]
    public void Deserialize_NullList_ThrowsJsonExceptionWithPath(string property)
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Complete()))!;
        json[property] = null;

        var error = Assert.Throws<JsonException>(() => ReportJson.Deserialize(json.ToJsonString()));

        Assert.Contains($"$.{property}", error.Message);
    }

    [Fact]
    public void Deserialize_OtherMajorSchemaVersion_IsRejected()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Complete()))!;
        json["schemaVersion"] = "2.0";

        var error = Assert.Throws<JsonException>(() => ReportJson.Deserialize(json.ToJsonString()));

        Assert.Contains("schemaVersion '2.0' is not supported", error.Message);
    }

    [Fact]
    public void Deserialize_NewerMinorSchemaVersion_IsAccepted()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(ReportSamples.Complete()))!;
        json["schemaVersion"] = "1.7";

        Assert.Equal("1.7", ReportJson.Deserialize(json.ToJsonString()).SchemaVersion);
    }

    [Fact]
    public void Deserialize_JsonNull_IsRejected()
    {
        var error = Assert.Throws<JsonException>(() => ReportJson.Deserialize("null"));

        Assert.Contains("expected an object", error.Message);
    }
}
