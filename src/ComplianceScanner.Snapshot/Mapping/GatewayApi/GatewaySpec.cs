using System.Text.Json.Serialization;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>Gateway spec: the class and the listeners; the rest is kept untyped.</summary>
internal sealed class GatewaySpec
{
    [JsonPropertyName("gatewayClassName")]
    public string? GatewayClassName { get; set; }

    [JsonPropertyName("listeners")]
    public IList<ListenerSpec>? Listeners { get; set; }

    [JsonPropertyName("addresses")]
    public object? Addresses { get; set; }

    [JsonPropertyName("infrastructure")]
    public object? Infrastructure { get; set; }

    [JsonPropertyName("backendTLS")]
    public object? BackendTls { get; set; }

    [JsonPropertyName("tls")]
    public object? Tls { get; set; }

    [JsonPropertyName("allowedListeners")]
    public object? AllowedListeners { get; set; }

    [JsonPropertyName("defaultScope")]
    public object? DefaultScope { get; set; }
}
