using System.Text.Json.Serialization;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>A route filter; only request mirroring refers to another backend, the rest is kept untyped.</summary>
internal sealed class RouteFilter
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("requestMirror")]
    public RequestMirror? RequestMirror { get; set; }

    [JsonPropertyName("requestHeaderModifier")]
    public object? RequestHeaderModifier { get; set; }

    [JsonPropertyName("responseHeaderModifier")]
    public object? ResponseHeaderModifier { get; set; }

    [JsonPropertyName("requestRedirect")]
    public object? RequestRedirect { get; set; }

    [JsonPropertyName("urlRewrite")]
    public object? UrlRewrite { get; set; }

    [JsonPropertyName("cors")]
    public object? Cors { get; set; }

    [JsonPropertyName("externalAuth")]
    public object? ExternalAuth { get; set; }

    [JsonPropertyName("extensionRef")]
    public object? ExtensionRef { get; set; }
}
