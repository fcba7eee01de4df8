using System.Globalization;

namespace ComplianceScanner.Snapshot.Manifests.Parsing;

/// <summary>A scalar with its resolved type and the text as written.</summary>
internal sealed class ScalarNode : Node
{
    public ScalarNode(int line, int column, ScalarKind kind, string text, bool coercible)
        : base(line, column)
    {
        Kind = kind;
        Text = text;
        Coercible = coercible;
    }

    public override NodeType Type => NodeType.Scalar;

    public ScalarKind Kind { get; }

    /// <summary>The scalar as written (for strings: the unescaped value).</summary>
    public string Text { get; }

    /// <summary>
    /// True for YAML plain scalars: where the target field is a string, the text as written is used instead of the
    /// resolved boolean or number, as sigs.k8s.io/yaml does (<c>enabled: true</c> in annotations stays the string "true").
    /// JSON values are typed by their syntax and are never coerced.
    /// </summary>
    public bool Coercible { get; }

    public long IntValue { get; init; }

    public double FloatValue { get; init; }

    public bool BoolValue { get; init; }

    /// <summary>The value as a string key, the way sigs.k8s.io/yaml turns non-string YAML keys into JSON keys.</summary>
    public string AsKey() => Kind switch
    {
        ScalarKind.Bool => BoolValue ? "true" : "false",
        ScalarKind.Int => IntValue.ToString(CultureInfo.InvariantCulture),
        ScalarKind.Null => "null",
        _ => Text,
    };
}
