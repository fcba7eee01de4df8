namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>A mapping (YAML mapping or JSON object) with string keys in document order, each key once.</summary>
internal sealed class MappingNode : Node
{
    private readonly List<KeyValuePair<string, Node>> entries;

    public MappingNode(int line, int column, List<KeyValuePair<string, Node>> entries)
        : base(line, column)
    {
        this.entries = entries;
        long size = 1;
        var height = 0;
        foreach (var (_, value) in entries)
        {
            size = AddSaturating(size, value.ExpandedSize);
            height = Math.Max(height, value.Height + 1);
        }

        ExpandedSize = size;
        Height = height;
    }

    public override NodeType Type => NodeType.Mapping;

    public IReadOnlyList<KeyValuePair<string, Node>> Entries => entries;

    public Node? Get(string key)
    {
        foreach (var (k, v) in entries)
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>A copy with the given keys removed, or this node when none of them is present (nodes are shared, never mutated).</summary>
    public MappingNode Without(params ReadOnlySpan<string> keys)
    {
        var any = false;
        foreach (var key in keys)
        {
            any |= Get(key) is not null;
        }

        if (!any)
        {
            return this;
        }

        var kept = new List<KeyValuePair<string, Node>>(entries.Count);
        foreach (var entry in entries)
        {
            if (!keys.Contains(entry.Key))
            {
                kept.Add(entry);
            }
        }

        return new MappingNode(Line, Column, kept);
    }

    /// <summary>A copy with one key set to a new value (replacing it in place, or appended), or removed when the value is null.</summary>
    public MappingNode With(string key, Node? value)
    {
        var copy = new List<KeyValuePair<string, Node>>(entries.Count + 1);
        var replaced = false;
        foreach (var entry in entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                replaced = true;
                if (value is not null)
                {
                    copy.Add(new(key, value));
                }
            }
            else
            {
                copy.Add(entry);
            }
        }

        if (!replaced && value is not null)
        {
            copy.Add(new(key, value));
        }

        return new MappingNode(Line, Column, copy);
    }
}
