namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>The three kinds of node of the YAML/JSON data model.</summary>
internal enum NodeType
{
    Scalar,
    Sequence,
    Mapping,
}
