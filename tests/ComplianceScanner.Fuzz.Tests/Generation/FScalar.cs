namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>A scalar (or raw text spliced in where a node goes).</summary>
internal sealed record FScalar(string Text, FScalarStyle Style) : FNode
{
    public static FScalar Plain(string text) => new(text, FScalarStyle.Plain);

    public static FScalar Quoted(string text) => new(text, FScalarStyle.DoubleQuoted);

    public static FScalar Raw(string text) => new(text, FScalarStyle.Raw);
}
