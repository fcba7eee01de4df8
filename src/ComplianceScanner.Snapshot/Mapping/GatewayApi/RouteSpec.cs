using System.Text.Json.Serialization;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>HTTPRoute/GRPCRoute spec.</summary>
internal sealed class RouteSpec
{
    [JsonPropertyName("parentRefs")]
    public IList<ObjectRef>? ParentRefs { get; set; }

    [JsonPropertyName("hostnames")]
    public IList<string>? Hostnames { get; set; }

    [JsonPropertyName("rules")]
    public IList<RouteRule>? Rules { get; set; }

    [JsonPropertyName("useDefaultGateways")]
    public object? UseDefaultGateways { get; set; }
}
