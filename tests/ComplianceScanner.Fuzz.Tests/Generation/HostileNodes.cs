using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>Nodes of the wrong type or shape for any field: numbers out of range, dates, tags, deep nesting, alias bombs.</summary>
internal static class HostileNodes
{
    private static readonly string[] PlainLiterals =
    [
        "0", "-1", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999999999999999", "1e400", "-1e400", "1e-400", "4.9e-324", "1.7976931348623157e308", "0.1", "-0",
        "+1", "0x7FFFFFFF", "0xFFFFFFFFFFFFFFFFFF", "0o777", "0777", "08", "0b1010", "1_000_000", "1__0", "_1", ".inf", "-.inf",
        ".nan", "NaN", "Infinity", "true", "false", "yes", "no", "on", "off", "y", "n", "True", "FALSE", "~", "null", "Null",
        "2024-02-30", "2024-13-01", "0000-00-00", "9999-12-31", "2001-12-14t21:59:43.10-05:00", "2038-01-19T03:14:08Z",
        "1970-01-01", "12:30:45", "190:20:30", "1.0.0", "v1", "rbac.authorization.k8s.io/v1", "List", "RoleList",
    ];

    private static readonly string[] Tags =
    [
        "!!binary", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!!timestamp", "!!set", "!!omap",
        "!!merge", "!custom", "!", "!<tag:yaml.org,2002:str>", "!<!bar>", "!!python/object:os.system", "!e!foo", "!%ZZ",
    ];

    private static readonly string[] RawTexts =
    [
        "[", "]", "{", "}", "{a: [}", "[a, b", "\"unterminated", "'x", "*undefined", "&a [*a]", "&b {k: *b}", "!!binary gIGC/w==",
        "!!binary not base64!", "? a", "- - -", "{a: 1, a: 2}", "[&x a, *x, *x]", "|", ">-", "%YAML 1.1", "@reserved", "`backtick`",
        "&", "*", "!", "&a", "{? [a]: b}", "[? a : b]", "{<<: {x: 1}}", "{<<: [{x: 1}, {y: 2}]}", "{<<: 5}", "{<<: [5]}", "{<<: *nope}",
        "\"\\xZZ\"", "\"\\uD800\"", "\"\\U0010FFFF\"", "\"\\U00110000\"", "[1, 2, 3,]", "{a: 1,}", "a: b: c", "\t",
    ];

    public static Gen<FNode> Plain { get; } = Gen.Elements(PlainLiterals).Select(t => (FNode)FScalar.Plain(t));

    public static Gen<FNode> Quoted { get; } = HostileText.Any.Select(t => (FNode)FScalar.Quoted(t));

    public static Gen<FNode> Literal { get; } = HostileText.Mixed.Select(t => (FNode)new FScalar(t.Replace("\r", string.Empty, StringComparison.Ordinal) + "\nsecond line", FScalarStyle.Literal));

    public static Gen<FNode> Raw { get; } = Gen.Elements(RawTexts).Select(t => (FNode)FScalar.Raw(t));

    public static Gen<FNode> Tagged { get; } =
        from tag in Gen.Elements(Tags)
        from value in Gen.OneOf(Plain, Quoted, Gen.Constant<FNode>(new FMap([new FEntry(FScalar.Plain("a"), FScalar.Plain("b"))]) { Flow = true }), Gen.Constant<FNode>(new FSeq([FScalar.Plain("a")]) { Flow = true }))
        select value with { Tag = tag };

    /// <summary>Nesting as flow text, around the limits (64 for scanner.yaml, 1000 for manifests) and far beyond.</summary>
    public static Gen<FNode> DeepNesting { get; } =
        from depth in Gen.Frequency((8, Gen.Choose(2, 200)), (4, Gen.Elements(63, 64, 65, 999, 1000, 1001)), (2, Gen.Choose(1_000, 20_000)), (1, Gen.Choose(20_000, 200_000)))
        from shape in Gen.Choose(0, 3)
        select (FNode)FScalar.Raw(Nest(depth, shape));

    /// <summary>"Billion laughs": each level refers to the one below several times.</summary>
    public static Gen<FNode> AliasBomb { get; } =
        from levels in Gen.Choose(2, 30)
        from fanout in Gen.Choose(2, 12)
        select (FNode)FScalar.Raw(Bomb(levels, fanout));

    public static Gen<FNode> SmallMap { get; } =
        from n in Gen.Choose(0, 4)
        from keys in Gen.ArrayOf(Gen.Elements("a", "name", "kind", "apiVersion", "metadata", "items", "<<", "rules", "spec"), n)
        from values in Gen.ArrayOf(Gen.OneOf(Plain, Quoted), n)
        from flow in Gen.Elements(true, false)
        select (FNode)new FMap([.. keys.Zip(values, (k, v) => new FEntry(FScalar.Plain(k), v))]) { Flow = flow || n == 0 };

    public static Gen<FNode> SmallSeq { get; } =
        from items in Gen.ListOf(Gen.OneOf(Plain, Quoted))
        from flow in Gen.Elements(true, false)
        select (FNode)new FSeq([.. items.Take(6)]) { Flow = flow || items.Count == 0 };

    /// <summary>A long sequence (many small items).</summary>
    public static Gen<FNode> ManyItems { get; } =
        from n in Gen.Frequency((3, Gen.Choose(100, 2_000)), (1, Gen.Choose(2_000, 20_000)))
        from item in Gen.OneOf(Plain, SmallMap)
        select (FNode)new FSeq([.. Enumerable.Repeat(item, n)]) { Flow = n % 2 == 0 };

    /// <summary>Any value that does not belong where it is put.</summary>
    public static Gen<FNode> Any { get; } = Gen.Frequency(
        (8, Plain), (6, Quoted), (2, Literal), (3, Raw), (2, Tagged), (1, DeepNesting), (2, AliasBomb), (3, SmallMap), (3, SmallSeq), (1, ManyItems));

    private static string Nest(int depth, int shape)
    {
        var (open, close) = shape switch
        {
            0 => ("[", "]"),
            1 => ("{a: ", "}"),
            2 => ("[{k: ", "}]"),
            _ => ("[", string.Empty),
        };
        var sb = new StringBuilder((open.Length + close.Length) * depth + 2);
        sb.Insert(0, open, depth).Append('x');
        for (var i = 0; i < depth; i++)
        {
            sb.Append(close);
        }

        return sb.ToString();
    }

    private static string Bomb(int levels, int fanout)
    {
        var sb = new StringBuilder("[&l0 [lol");
        for (var i = 1; i < fanout; i++)
        {
            sb.Append(", lol");
        }

        sb.Append(']');
        for (var level = 1; level < levels; level++)
        {
            sb.Append(CultureInfo.InvariantCulture, $", &l{level} [");
            for (var i = 0; i < fanout; i++)
            {
                sb.Append(i > 0 ? ", " : string.Empty).Append(CultureInfo.InvariantCulture, $"*l{level - 1}");
            }

            sb.Append(']');
        }

        return sb.Append(']').ToString();
    }
}
