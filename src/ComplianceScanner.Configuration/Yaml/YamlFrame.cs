using YamlDotNet.Core;

namespace ComplianceScanner.Configuration.Yaml;

/// <summary>An open mapping or sequence while <see cref="GuardedParser"/> streams a document.</summary>
internal sealed class YamlFrame(bool isMapping, string? anchor)
{
    public bool IsMapping { get; } = isMapping;

    public string? Anchor { get; } = anchor;

    /// <summary>Nodes in this collection with aliases expanded, itself included.</summary>
    public long Size { get; set; } = 1;

    public bool ExpectKey { get; set; } = true;

    public string? CurrentKey { get; set; }

    public int Index { get; set; }

    public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
}
