namespace ComplianceScanner.Snapshot.Manifests;

/// <summary>
/// Something the loader accepted but a person should know: a field the API server would drop (often a typo such as
/// <c>resourceName</c>), a key given twice, an object defined twice (the later one is used, as <c>kubectl apply</c> would),
/// a directory without manifests.
/// </summary>
/// <param name="File">The path as given (or as found below a given directory).</param>
/// <param name="DocumentIndex">Zero-based document index in the file; -1 for the whole file or path.</param>
/// <param name="Line">One-based line, or 0 when unknown.</param>
/// <param name="Message">What was noticed and what the loader did about it.</param>
public sealed record ManifestWarning(string File, int DocumentIndex, int Line, string Message)
{
    /// <summary>One line: <c>path/file.yaml: document 3 (line 41): message</c>.</summary>
    public override string ToString() => ManifestDiagnosticText.Format(File, DocumentIndex, Line, Message);
}
