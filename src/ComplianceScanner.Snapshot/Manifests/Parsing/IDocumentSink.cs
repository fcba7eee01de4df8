namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>
/// Receives documents as soon as they are parsed, and the items of a top-level <c>items</c> list as soon as each one is
/// complete, so a 100 MB <c>kubectl get -A -o yaml</c> list is processed item by item instead of being held as one tree.
/// </summary>
internal interface IDocumentSink
{
    /// <summary>
    /// One item of the root mapping's <c>items</c> list is complete. Return true to take it (the tree then keeps a null
    /// placeholder in its place), false to leave it in the tree. <paramref name="listApiVersion"/> and
    /// <paramref name="listKind"/> are the root's apiVersion and kind when they came before <c>items</c>.
    /// </summary>
    bool ListItem(int documentIndex, Node item, int itemIndex, string? listApiVersion, string? listKind);

    /// <summary>A whole document, in order, or the reason it could not be read.</summary>
    void Document(ParsedDocument document);
}
