using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>
/// A Gateway API object as the API serves it. KubernetesClient has no models for these custom resources, so the
/// scanner declares the fields it reads (and, as untyped values, every other standard-channel field, so manifests load
/// without unknown-field warnings) and decodes them like any other model.
/// </summary>
/// <typeparam name="TSpec">The kind's spec.</typeparam>
internal class GatewayApiResource<TSpec> : IKubernetesObject<V1ObjectMeta>
    where TSpec : class
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec? Spec { get; set; }

    /// <summary>Written by controllers; not read.</summary>
    [JsonPropertyName("status")]
    public object? Status { get; set; }
}
