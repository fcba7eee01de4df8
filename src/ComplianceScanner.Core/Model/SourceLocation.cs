namespace ComplianceScanner.Core.Model;

/// <summary>Where an object came from: a manifest file and document (1-based line), or a live API list.</summary>
/// <param name="File">File path as given by the user, or a <c>k8s://</c> URI for live objects.</param>
/// <param name="DocumentIndex">Zero-based index of the YAML document (or JSON value) in the file; list items share it.</param>
/// <param name="Line">One-based line where the object starts, or 0 when unknown.</param>
public sealed record SourceLocation(string File, int DocumentIndex, int Line)
{
    /// <summary>A location for objects that did not come from a file.</summary>
    public static SourceLocation None { get; } = new(string.Empty, 0, 0);

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}:{Line} (document {DocumentIndex})" : File;
}
