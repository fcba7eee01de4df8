namespace ComplianceScanner.Snapshot.Manifests.Json;

/// <summary>A problem with one field of an object: where (line, path), what, and whether it stops the object from loading.</summary>
internal sealed record FieldProblem(int Line, string Message, bool IsError);
