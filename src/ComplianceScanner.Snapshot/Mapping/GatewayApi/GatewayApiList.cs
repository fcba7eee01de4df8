using System.Text.Json.Serialization;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>A list of Gateway API objects as the list and watch endpoints return it.</summary>
internal sealed class GatewayApiList<T> : IItems<T>, IMetadata<V1ListMeta>
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<T> Items { get; set; } = [];
}
