namespace ComplianceScanner.Snapshot.Manifests;

/// <summary>
/// A manifest problem that kept something from loading: a file that cannot be read, a YAML syntax error, a document
/// that is not a Kubernetes object, or an object with a wrong field type. Other documents of the same file still load.
/// </summary>
/// <param name="File">The path as given (or as found below a given directory), or the display path of loaded text.</param>
/// <param name="DocumentIndex">Zero-based document index in the file (as in <c>SourceLocation</c>); -1 for a problem with the whole file or path.</param>
/// <param name="Line">One-based line, or 0 when unknown.</param>
/// <param name="Message">What is wrong, naming the field where there is one.</param>
public sealed record ManifestError(string File, int DocumentIndex, int Line, string Message)
{
    /// <summary>One line: <c>path/file.yaml: document 3 (line 41): message</c>.</summary>
    public override string ToString() => ManifestDiagnosticText.Format(File, DocumentIndex, Line, Message);
}
