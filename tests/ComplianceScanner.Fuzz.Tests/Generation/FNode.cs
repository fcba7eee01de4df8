namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>
/// A YAML/JSON document tree as the fuzzer builds it: unlike a parser's tree it can hold what a hostile file holds
/// (duplicate keys, anchors, aliases, tags, raw text spliced in verbatim), so emitting it gives exactly the bytes wanted.
/// </summary>
internal abstract record FNode
{
    /// <summary>An anchor (<c>&amp;name</c>) put on the node; YAML only.</summary>
    public string? Anchor { get; init; }

    /// <summary>A tag (<c>!!binary</c>, <c>!custom</c>) put on the node, as written; YAML only.</summary>
    public string? Tag { get; init; }

    /// <summary>Written in flow style (<c>{...}</c>, <c>[...]</c>) rather than block style.</summary>
    public bool Flow { get; init; }
}
