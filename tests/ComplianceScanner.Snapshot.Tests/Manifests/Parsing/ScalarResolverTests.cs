using ComplianceScanner.Snapshot.Manifests.Parsing;

namespace ComplianceScanner.Snapshot.Tests.Manifests.Parsing;

public sealed class ScalarResolverTests
{
    [Theory]
    [InlineData("", "Null")]
    [InlineData("~", "Null")]
    [InlineData("null", "Null")]
    [InlineData("NULL", "Null")]
    [InlineData("nil", "String")]
    [InlineData("true", "Bool:True")]
    [InlineData("True", "Bool:True")]
    [InlineData("yes", "Bool:True")]
    [InlineData("Y", "Bool:True")]
    [InlineData("on", "Bool:True")]
    [InlineData("ON", "Bool:True")]
    [InlineData("no", "Bool:False")]
    [InlineData("off", "Bool:False")]
    [InlineData("n", "Bool:False")]
    [InlineData("FALSE", "Bool:False")]
    [InlineData("tRUE", "String")]
    [InlineData("yess", "String")]
    [InlineData("0", "Int:0")]
    [InlineData("-17", "Int:-17")]
    [InlineData("+5", "Int:5")]
    [InlineData("1_000", "Int:1000")]
    [InlineData("0x1F", "Int:31")]
    [InlineData("0o17", "Int:15")]
    [InlineData("017", "Int:15")]
    [InlineData("0b101", "Int:5")]
    [InlineData("-0x10", "Int:-16")]
    [InlineData("9223372036854775807", "Int:9223372036854775807")]
    [InlineData("9223372036854775808", "Float:9.223372036854776E+18")]
    [InlineData("08", "Float:8")]
    [InlineData("1.5", "Float:1.5")]
    [InlineData(".5", "Float:0.5")]
    [InlineData("1.", "Float:1")]
    [InlineData("1e3", "Float:1000")]
    [InlineData("-2.5E-1", "Float:-0.25")]
    [InlineData(".inf", "Float:Infinity")]
    [InlineData("-.Inf", "Float:-Infinity")]
    [InlineData(".NaN", "Float:NaN")]
    [InlineData("1.10.3", "String")]
    [InlineData("0x", "String")]
    [InlineData("1e", "String")]
    [InlineData("2024-01-02", "String")]
    [InlineData("2024-01-02T03:04:05Z", "String")]
    [InlineData("-", "String")]
    [InlineData(".", "String")]
    [InlineData("v1", "String")]
    [InlineData("<<", "String")]
    public void Plain_scalars_resolve_as_yaml_1_1_does_in_go_yaml(string text, string expected)
    {
        var node = ScalarResolver.Resolve(1, 1, text, plain: true, tag: null);

        Assert.Equal(expected, Describe(node));
        Assert.True(node.Coercible);
        Assert.Equal(text, node.Text);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("123")]
    [InlineData("null")]
    [InlineData("")]
    public void Quoted_and_block_scalars_are_always_strings(string text)
    {
        var node = ScalarResolver.Resolve(1, 1, text, plain: false, tag: null);

        Assert.Equal("String", Describe(node));
        Assert.False(node.Coercible);
    }

    [Theory]
    [InlineData("123", "tag:yaml.org,2002:str", "String")]
    [InlineData("true", "!", "String")]
    [InlineData("5", "tag:yaml.org,2002:int", "Int:5")]
    [InlineData("5", "tag:yaml.org,2002:float", "Float:5")]
    [InlineData("abc", "tag:yaml.org,2002:int", "String")]
    [InlineData("yes", "tag:yaml.org,2002:bool", "Bool:True")]
    [InlineData("x", "tag:yaml.org,2002:null", "Null")]
    [InlineData("42", "!custom", "Int:42")]
    public void Explicit_tags_decide_the_type(string text, string tag, string expected) =>
        Assert.Equal(expected, Describe(ScalarResolver.Resolve(1, 1, text, plain: true, tag)));

    private static string Describe(ScalarNode node) => node.Kind switch
    {
        ScalarKind.Bool => $"Bool:{node.BoolValue}",
        ScalarKind.Int => FormattableString.Invariant($"Int:{node.IntValue}"),
        ScalarKind.Float => FormattableString.Invariant($"Float:{node.FloatValue}"),
        _ => node.Kind.ToString(),
    };
}
