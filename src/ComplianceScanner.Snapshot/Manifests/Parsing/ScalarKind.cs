namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>The resolved type of a scalar, as sigs.k8s.io/yaml (YAML 1.1 rules) or JSON would give it.</summary>
internal enum ScalarKind
{
    Null,
    Bool,
    Int,
    Float,
    String,
}
