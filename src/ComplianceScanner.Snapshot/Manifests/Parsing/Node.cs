namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>
/// A node of a parsed manifest document. YAML and JSON inputs both become this tree, so everything after parsing
/// (List expansion, typed decoding, digest) is written once. Aliases share node instances, so a node may have many parents
/// and must never be mutated after it is complete.
/// </summary>
internal abstract class Node
{
    protected Node(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>One-based line where the node starts.</summary>
    public int Line { get; }

    /// <summary>One-based column where the node starts.</summary>
    public int Column { get; }

    public abstract NodeType Type { get; }

    /// <summary>Number of nodes this node stands for once every alias below it is expanded (saturating).</summary>
    public long ExpandedSize { get; protected set; } = 1;

    /// <summary>Nesting depth below this node once aliases are expanded (a scalar has height 0).</summary>
    public int Height { get; protected set; }

    public bool IsNull => this is ScalarNode { Kind: ScalarKind.Null };

    public string Describe() => this switch
    {
        MappingNode => "a mapping",
        SequenceNode => "a list",
        ScalarNode s => s.Kind switch
        {
            ScalarKind.Null => "null",
            ScalarKind.Bool => "a boolean",
            ScalarKind.Int or ScalarKind.Float => "a number",
            _ => "a string",
        },
        _ => "a node",
    };

    protected static long AddSaturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
