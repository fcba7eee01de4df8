namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>
/// Builds one document's node tree from a stream of start/end/scalar/alias calls, without recursion (so nesting cannot
/// overflow the stack), with YAML merge keys, last-wins duplicate keys, and the depth and alias-expansion bounds.
/// Shared by the YAML and JSON readers.
/// </summary>
internal sealed class TreeBuilder
{
    private readonly List<Frame> stack = [];
    private readonly Dictionary<string, Node> anchors = new(StringComparer.Ordinal);
    private long parsedNodes;
    private long aliasExpansion;

    /// <summary>A null placeholder left where a list item was handed to <see cref="ListItemSink"/>.</summary>
    public static ScalarNode TakenItem { get; } = new(0, 0, ScalarKind.Null, string.Empty, coercible: false);

    /// <summary>
    /// Offered each item of the root mapping's <c>items</c> list when it completes: (item, index, root apiVersion, root kind
    /// when already read); returning true takes it out of the tree.
    /// </summary>
    public Func<Node, int, string?, string?, bool>? ListItemSink { get; set; }

    public Node? Root { get; private set; }

    /// <summary>Problems that do not stop the document: one-based line and message.</summary>
    public List<(int Line, string Message)> Warnings { get; } = [];

    public bool HasRoot { get; private set; }

    public void Reset()
    {
        stack.Clear();
        anchors.Clear();
        parsedNodes = 0;
        aliasExpansion = 0;
        Root = null;
        HasRoot = false;
        Warnings.Clear();
    }

    public void StartMapping(int line, int column, string? anchor) => Push(new Frame(isMapping: true, line, column, anchor));

    public void StartSequence(int line, int column, string? anchor) => Push(new Frame(isMapping: false, line, column, anchor));

    public void EndMapping()
    {
        var frame = Pop();
        var entries = frame.Entries!;
        if (frame.Merges is not null)
        {
            entries = Merge(frame, entries);
        }

        Complete(new MappingNode(frame.Line, frame.Column, entries), frame.Anchor, isMergeKey: false);
    }

    public void EndSequence()
    {
        var frame = Pop();
        Complete(new SequenceNode(frame.Line, frame.Column, frame.Items!), frame.Anchor, isMergeKey: false);
    }

    public void Scalar(ScalarNode node, string? anchor, bool isMergeKey)
    {
        parsedNodes++;
        Complete(node, anchor, isMergeKey);
    }

    public void Alias(int line, string name)
    {
        if (!anchors.TryGetValue(name, out var target))
        {
            throw new DocumentRejectedException(line, $"alias *{name} refers to an anchor that is not defined before it (or contains the alias itself)");
        }

        aliasExpansion += target.ExpandedSize;
        var budget = Math.Max(ParseLimits.MinAliasExpansionBudget, parsedNodes);
        if (aliasExpansion > budget || target.ExpandedSize == long.MaxValue)
        {
            throw new DocumentRejectedException(
                line,
                $"aliases expand to more than {budget} nodes: refusing the document (an alias expansion bomb?)");
        }

        if (stack.Count + target.Height + 1 > ParseLimits.MaxDepth)
        {
            throw new DocumentRejectedException(line, $"nesting is deeper than {ParseLimits.MaxDepth} levels once alias *{name} is expanded");
        }

        Complete(target, anchor: null, isMergeKey: false);
    }

    private void Push(Frame frame)
    {
        parsedNodes++;
        if (stack.Count + 1 > ParseLimits.MaxDepth)
        {
            throw new DocumentRejectedException(frame.Line, $"nesting is deeper than {ParseLimits.MaxDepth} levels");
        }

        stack.Add(frame);
    }

    private Frame Pop()
    {
        var frame = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return frame;
    }

    private void Complete(Node node, string? anchor, bool isMergeKey)
    {
        if (anchor is not null)
        {
            anchors[anchor] = node;
        }

        if (stack.Count == 0)
        {
            Root = node;
            HasRoot = true;
            return;
        }

        var parent = stack[^1];
        if (!parent.IsMapping)
        {
            parent.Items!.Add(IsRootListItem() && ListItemSink!(node, parent.Items!.Count, RootString("apiVersion"), RootString("kind")) ? TakenItem : node);
            return;
        }

        if (!parent.HasPendingKey)
        {
            if (node is not ScalarNode key)
            {
                throw new DocumentRejectedException(node.Line, $"a mapping key must be a scalar, found {node.Describe()}");
            }

            parent.PendingKey = key.AsKey();
            parent.PendingKeyIsMerge = isMergeKey;
            parent.HasPendingKey = true;
            return;
        }

        parent.HasPendingKey = false;
        if (parent.PendingKeyIsMerge)
        {
            AddMerge(parent, node);
            return;
        }

        if (parent.Set(parent.PendingKey!, node))
        {
            Warnings.Add(new(node.Line, $"key \"{parent.PendingKey}\" appears more than once in a mapping; the last value is used"));
        }
    }

    private bool IsRootListItem() =>
        ListItemSink is not null
        && stack.Count == 2
        && stack[0] is { IsMapping: true, HasPendingKey: true, PendingKeyIsMerge: false, PendingKey: "items" };

    private string? RootString(string key)
    {
        foreach (var (k, v) in stack[0].Entries!)
        {
            if (k == key && v is ScalarNode { Kind: ScalarKind.String } s)
            {
                return s.Text;
            }
        }

        return null;
    }

    private static void AddMerge(Frame frame, Node value)
    {
        frame.Merges ??= [];
        switch (value)
        {
            case MappingNode m:
                frame.Merges.Add(m);
                break;
            case SequenceNode s:
                foreach (var item in s.Items)
                {
                    frame.Merges.Add(item as MappingNode
                        ?? throw new DocumentRejectedException(item.Line, "a merge key (<<) list may hold only mappings"));
                }

                break;
            default:
                throw new DocumentRejectedException(value.Line, $"a merge key (<<) needs a mapping or a list of mappings, found {value.Describe()}");
        }
    }

    private static List<KeyValuePair<string, Node>> Merge(Frame frame, List<KeyValuePair<string, Node>> explicitEntries)
    {
        // Explicit keys win over merged ones; among merged mappings the first listed wins (YAML merge key spec).
        var result = new List<KeyValuePair<string, Node>>(explicitEntries);
        var seen = new HashSet<string>(explicitEntries.Select(e => e.Key), StringComparer.Ordinal);
        foreach (var source in frame.Merges!)
        {
            foreach (var entry in source.Entries)
            {
                if (seen.Add(entry.Key))
                {
                    result.Add(entry);
                }
            }
        }

        return result;
    }

    private sealed class Frame
    {
        private Dictionary<string, int>? index;

        public Frame(bool isMapping, int line, int column, string? anchor)
        {
            IsMapping = isMapping;
            Line = line;
            Column = column;
            Anchor = anchor;
            if (isMapping)
            {
                Entries = [];
            }
            else
            {
                Items = [];
            }
        }

        public bool IsMapping { get; }

        public int Line { get; }

        public int Column { get; }

        public string? Anchor { get; }

        public List<Node>? Items { get; }

        public List<KeyValuePair<string, Node>>? Entries { get; }

        public List<MappingNode>? Merges { get; set; }

        public bool HasPendingKey { get; set; }

        public string? PendingKey { get; set; }

        public bool PendingKeyIsMerge { get; set; }

        /// <summary>Adds an entry; a repeated key replaces the earlier value in place (last wins, as in go-yaml v2 and JSON) and returns true.</summary>
        public bool Set(string key, Node value)
        {
            var entries = Entries!;
            if (index is null && entries.Count < 8)
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
                    {
                        entries[i] = new(key, value);
                        return true;
                    }
                }

                entries.Add(new(key, value));
                return false;
            }

            if (index is null)
            {
                index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < entries.Count; i++)
                {
                    index[entries[i].Key] = i;
                }
            }

            if (index.TryGetValue(key, out var at))
            {
                entries[at] = new(key, value);
                return true;
            }

            index[key] = entries.Count;
            entries.Add(new(key, value));
            return false;
        }
    }
}
