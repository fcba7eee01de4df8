using System.Text.Json.Serialization;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>A Gateway listener.</summary>
internal sealed class ListenerSpec
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("port")]
    public int? Port { get; set; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }

    [JsonPropertyName("tls")]
    public ListenerTls? Tls { get; set; }

    [JsonPropertyName("allowedRoutes")]
    public AllowedRoutes? AllowedRoutes { get; set; }
}
