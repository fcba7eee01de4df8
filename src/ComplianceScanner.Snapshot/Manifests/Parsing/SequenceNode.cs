namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>A sequence (YAML list or JSON array).</summary>
internal sealed class SequenceNode : Node
{
    private readonly List<Node> items;

    public SequenceNode(int line, int column, List<Node> items)
        : base(line, column)
    {
        this.items = items;
        long size = 1;
        var height = 0;
        foreach (var item in items)
        {
            size = AddSaturating(size, item.ExpandedSize);
            height = Math.Max(height, item.Height + 1);
        }

        ExpandedSize = size;
        Height = height;
    }

    public override NodeType Type => NodeType.Sequence;

    public IReadOnlyList<Node> Items => items;
}
