namespace ComplianceScanner.Snapshot.Mapping;

/// <summary>
/// A problem found while mapping: the field (path as in the manifest, e.g. <c>roleRef.kind</c>), what is wrong, and
/// whether the object is dropped (an error) or kept as the API data says (a warning).
/// </summary>
internal sealed record MappingProblem(string Path, string Message, bool IsError = true);
