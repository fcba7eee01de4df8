using System.Text.Json.Serialization;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary><c>allowedRoutes.namespaces</c>: from Same, All or Selector.</summary>
internal sealed class RouteNamespaces
{
    [JsonPropertyName("from")]
    public string? From { get; set; }

    [JsonPropertyName("selector")]
    public V1LabelSelector? Selector { get; set; }
}
