using System.Text.Json.Serialization;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>A listener's <c>allowedRoutes</c>.</summary>
internal sealed class AllowedRoutes
{
    [JsonPropertyName("namespaces")]
    public RouteNamespaces? Namespaces { get; set; }

    [JsonPropertyName("kinds")]
    public IList<ObjectRef>? Kinds { get; set; }
}
