namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>Bounds that keep hostile or broken input from exhausting the stack or memory.</summary>
internal static class ParseLimits
{
    /// <summary>Deepest nesting accepted. Real objects are far shallower; the bound keeps every recursive walk safe.</summary>
    public const int MaxDepth = 1000;

    /// <summary>
    /// Nodes that aliases may add to a document beyond this floor or the document's own size, whichever is larger.
    /// Linear growth is fine; the exponential growth of an alias bomb ("billion laughs") is not.
    /// </summary>
    public const long MinAliasExpansionBudget = 100_000;
}
