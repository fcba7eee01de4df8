using System.Text.Json.Serialization;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>A listener's TLS settings: the certificates it serves.</summary>
internal sealed class ListenerTls
{
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }

    [JsonPropertyName("certificateRefs")]
    public IList<ObjectRef>? CertificateRefs { get; set; }

    [JsonPropertyName("options")]
    public object? Options { get; set; }

    [JsonPropertyName("frontendValidation")]
    public object? FrontendValidation { get; set; }
}
