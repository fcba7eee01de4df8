using System.Text.Json.Serialization;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>A RequestMirror filter: copies requests to another backend.</summary>
internal sealed class RequestMirror
{
    [JsonPropertyName("backendRef")]
    public ObjectRef? BackendRef { get; set; }

    [JsonPropertyName("percent")]
    public int? Percent { get; set; }

    [JsonPropertyName("fraction")]
    public object? Fraction { get; set; }
}
