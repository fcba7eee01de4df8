using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Agent.Tests.Agent;

/// <summary>OTLP export configured by the standard OTEL_* settings, received by an in-process OTLP/HTTP collector.</summary>
[Collection(AgentCollection.Name)]
public sealed class AgentTelemetryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_scan_span_and_the_findings_metric_arrive_over_otlp_http_protobuf()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var server = await AgentCluster.StartAsync();
        AgentCluster.GrantOutsider(server, "mallory", "intruder");
        using var dir = new TempDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Url.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        await using var agent = await TestAgent.StartAsync(server, dir, AgentCluster.Watching, settings: settings);
        var scan = await agent.Scans.NextAsync(Bound, "first scan");
        Assert.NotEmpty(scan.Evaluation.Findings);

        await Wait.UntilAsync(
            () => receiver.Bodies("/v1/traces").SelectMany(ProtoWire.SpanNames).Contains("scan")
                && receiver.Bodies("/v1/metrics").SelectMany(ProtoWire.MetricNames).Contains(AgentMetrics.FindingsName),
            Bound,
            "the scan span and the findings metric at the OTLP receiver");

        var spans = receiver.Bodies("/v1/traces").SelectMany(ProtoWire.SpanNames).ToHashSet();
        Assert.Contains("scan.evaluate", spans);
        Assert.Contains("scan.render", spans);

        // KubernetesClient's requests are traced through the HttpClient instrumentation.
        Assert.Contains(spans, s => s.StartsWith("GET", StringComparison.Ordinal));
        var metrics = receiver.Bodies("/v1/metrics").SelectMany(ProtoWire.MetricNames).ToHashSet();
        Assert.Contains("compliance_scanner.scan.duration", metrics);
        Assert.Contains("compliance_scanner.scans", metrics);
    }
}
