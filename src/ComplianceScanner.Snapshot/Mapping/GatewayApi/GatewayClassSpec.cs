using System.Text.Json.Serialization;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>GatewayClass spec.</summary>
internal sealed class GatewayClassSpec
{
    [JsonPropertyName("controllerName")]
    public string? ControllerName { get; set; }

    [JsonPropertyName("parametersRef")]
    public object? ParametersRef { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }
}
