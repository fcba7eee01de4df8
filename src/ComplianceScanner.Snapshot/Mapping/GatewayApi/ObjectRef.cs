using System.Text.Json.Serialization;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>Any Gateway API object reference (parentRef, backendRef, certificateRef, route kind, ReferenceGrant entry).</summary>
internal sealed class ObjectRef
{
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("sectionName")]
    public string? SectionName { get; set; }

    [JsonPropertyName("port")]
    public int? Port { get; set; }

    [JsonPropertyName("weight")]
    public int? Weight { get; set; }

    /// <summary>Filters of a backendRef (request mirroring among them).</summary>
    [JsonPropertyName("filters")]
    public IList<RouteFilter>? Filters { get; set; }
}
