using System.Text.Json.Serialization;

namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>ReferenceGrant spec: who may refer (from) to what (to).</summary>
internal sealed class ReferenceGrantSpec
{
    [JsonPropertyName("from")]
    public IList<ObjectRef>? From { get; set; }

    [JsonPropertyName("to")]
    public IList<ObjectRef>? To { get; set; }
}
