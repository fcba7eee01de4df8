namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>One document of a file: its root node (null for an empty document), or why it could not be read.</summary>
/// <param name="Index">Zero-based index of the document in the file.</param>
/// <param name="Root">The root node; null when the document is empty or could not be read.</param>
/// <param name="ErrorLine">One-based line of the problem (0 when unknown); meaningful only with <paramref name="Error"/>.</param>
/// <param name="Error">Why the document could not be read, or null.</param>
internal sealed record ParsedDocument(int Index, Node? Root, int ErrorLine = 0, string? Error = null)
{
    /// <summary>Problems that did not stop the document (duplicate keys), as one-based line and message.</summary>
    public IReadOnlyList<(int Line, string Message)> Warnings { get; init; } = [];
}
