namespace ComplianceScanner.Snapshot.Manifests.Json;

/// <summary>What a client-model property expects, as far as converting YAML to JSON needs to know.</summary>
internal enum ShapeKind
{
    /// <summary>Anything (System.Object, JsonElement, unknown converters): written as resolved.</summary>
    Any,
    Object,
    List,
    Map,
    String,
    Int32,
    Int64,
    Float,
    Bool,

    /// <summary>A DateTime: an RFC 3339 string.</summary>
    Timestamp,
    IntOrString,
    Quantity,
}
