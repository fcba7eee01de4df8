using System.Text.Json.Serialization;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>One rule of a route: its backends and filters; matching and timing are kept untyped.</summary>
internal sealed class RouteRule
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("matches")]
    public object? Matches { get; set; }

    [JsonPropertyName("filters")]
    public IList<RouteFilter>? Filters { get; set; }

    [JsonPropertyName("backendRefs")]
    public IList<ObjectRef>? BackendRefs { get; set; }

    [JsonPropertyName("timeouts")]
    public object? Timeouts { get; set; }

    [JsonPropertyName("retry")]
    public object? Retry { get; set; }

    [JsonPropertyName("sessionPersistence")]
    public object? SessionPersistence { get; set; }
}
