using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;

namespace ComplianceScanner.Core.Tests.Export;

/// <summary>KubernetesClient's own JSON options, but refusing any field the model does not have (the API server would drop it).</summary>
internal static class StrictJson
{
    private static readonly JsonSerializerOptions Options = Create();

    public static T Deserialize<T>(JsonObject json) => (T)Deserialize(json, typeof(T));

    public static object Deserialize(JsonObject json, Type type) =>
        JsonSerializer.Deserialize(json.ToJsonString(), type, Options) ?? throw new JsonException("null");

    private static JsonSerializerOptions Create()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return new JsonSerializerOptions(options!) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
    }
}
