using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;

namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>
/// Structural mutations of a document tree: a wrong value for a field at any depth, duplicate keys, merge keys,
/// tags, confusable or huge keys, anchors with aliases, unknown fields. Each returns a description for the report.
/// </summary>
internal static class TreeMutations
{
    private static readonly string[] ConfusableKeys =
    [
        "kіnd", "аpiVersion", "metаdata", "nаme", "kind\u200b", "\u202ekind", "ｋｉｎｄ", "Kind", "KIND", "kind ", " kind", "api\u00adVersion",
        "apiVersion\0", "name\u001b[2J", "items\r", "метаdata",
    ];

    /// <summary>Zero to <paramref name="max"/> mutations; the description lists them ("pristine" for none).</summary>
    public static Gen<(FNode Tree, string Description)> Some(FNode tree, int max) =>
        from count in Gen.Frequency((3, Gen.Constant(0)), (5, Gen.Choose(1, max)))
        from result in Apply(tree, count, "pristine")
        select result;

    private static Gen<(FNode Tree, string Description)> Apply(FNode tree, int count, string description) =>
        count == 0
            ? Gen.Constant((tree, description))
            : One(tree).SelectMany(m => Apply(m.Tree, count - 1, description == "pristine" ? m.Description : description + "; " + m.Description));

    /// <summary>One mutation at a random node.</summary>
    public static Gen<(FNode Tree, string Description)> One(FNode tree)
    {
        var paths = Paths(tree);
        var maps = paths.Where(p => At(tree, p) is FMap { Entries.Length: > 0 }).ToList();
        var at = Gen.Elements<ImmutableArray<int>>(paths);
        var gens = new List<(int, Gen<(FNode, string)>)>
        {
            (8, from p in at from v in HostileNodes.Any select (Replace(tree, p, _ => v), $"value at {Show(p)} replaced by {Describe(v)}")),
            (2, from p in at from tag in Gen.Elements("!!binary", "!!str", "!!int", "!!map", "!custom", "!!timestamp", "!!seq", "!!null") select (Replace(tree, p, n => n is FAlias ? n : n with { Tag = tag }), $"tag {tag} at {Show(p)}")),
            (1, from p in at from n in Gen.Choose(2, 40) select (Replace(tree, p, v => new FSeq([.. Enumerable.Repeat(v, n)])), $"value at {Show(p)} repeated {n} times in a list")),
        };
        if (maps.Count > 0)
        {
            var map = Gen.Elements<ImmutableArray<int>>(maps);
            gens.Add((3, from p in map from i in Gen.Choose(0, 1000) from v in Gen.OneOf(HostileNodes.Plain, HostileNodes.Quoted, Gen.Constant(((FMap)At(tree, p)).Entries[i % ((FMap)At(tree, p)).Entries.Length].Value))
                          select (Replace(tree, p, n => Duplicate((FMap)n, i, v)), $"duplicate key in mapping at {Show(p)}")));
            gens.Add((2, from p in map from i in Gen.Choose(0, 1000) from k in Gen.Frequency((3, Gen.Elements(ConfusableKeys)), (2, HostileText.Any), (1, HostileText.Huge))
                          select (Replace(tree, p, n => RenameKey((FMap)n, i, k)), $"key {i} of mapping at {Show(p)} renamed ({Math.Min(k.Length, 40)} chars shown: {Truncate(k)})")));
            gens.Add((2, from p in map from i in Gen.Choose(0, 1000) from kind in Gen.Choose(0, 4)
                          select (Replace(tree, p, n => MergeKey((FMap)n, i, kind)), $"merge key (<<) variant {kind} in mapping at {Show(p)}")));
            gens.Add((1, from p in map from i in Gen.Choose(0, 1000)
                          select (Replace(tree, p, n => Remove((FMap)n, i)), $"entry {i} removed from mapping at {Show(p)}")));
            gens.Add((1, from p in map from k in HostileText.Mixed from v in HostileNodes.Any
                          select (Replace(tree, p, n => Add((FMap)n, k, v)), $"unknown field added to mapping at {Show(p)}")));
            gens.Add((1, from p in map from q in at
                          select (Replace(tree, p, n => Add((FMap)n, "complex", new FMap([new FEntry(new FSeq([FScalar.Plain("k")]) { Flow = true }, FScalar.Plain("v"))]))), $"complex (non-scalar) key in mapping at {Show(p)}")));
        }

        return Gen.Frequency(gens.Select(g => (g.Item1, g.Item2.Select(r => (r.Item1, r.Item2)))));
    }

    /// <summary>Every node's path: indexes of mapping entries (their values) and sequence items from the root.</summary>
    public static List<ImmutableArray<int>> Paths(FNode root)
    {
        var result = new List<ImmutableArray<int>>();
        var stack = new Stack<(FNode, ImmutableArray<int>)>();
        stack.Push((root, []));
        while (stack.Count > 0 && result.Count < 50_000)
        {
            var (node, path) = stack.Pop();
            result.Add(path);
            switch (node)
            {
                case FMap m:
                    for (var i = 0; i < m.Entries.Length; i++)
                    {
                        stack.Push((m.Entries[i].Value, path.Add(i)));
                    }

                    break;
                case FSeq s:
                    for (var i = 0; i < Math.Min(s.Items.Length, 200); i++)
                    {
                        stack.Push((s.Items[i], path.Add(i)));
                    }

                    break;
            }
        }

        return result;
    }

    public static FNode At(FNode root, ImmutableArray<int> path)
    {
        var node = root;
        foreach (var i in path)
        {
            node = node switch
            {
                FMap m => m.Entries[i].Value,
                FSeq s => s.Items[i],
                _ => throw new InvalidOperationException("bad path"),
            };
        }

        return node;
    }

    public static FNode Replace(FNode root, ImmutableArray<int> path, Func<FNode, FNode> change) =>
        path.IsEmpty
            ? change(root)
            : root switch
            {
                FMap m => m with { Entries = m.Entries.SetItem(path[0], m.Entries[path[0]] with { Value = Replace(m.Entries[path[0]].Value, path[1..], change) }) },
                FSeq s => s with { Items = s.Items.SetItem(path[0], Replace(s.Items[path[0]], path[1..], change)) },
                _ => root,
            };

    private static FMap Duplicate(FMap m, int i, FNode value)
    {
        var entry = m.Entries[i % m.Entries.Length];
        return m with { Entries = m.Entries.Insert((i / 7) % (m.Entries.Length + 1), entry with { Value = value }) };
    }

    private static FMap RenameKey(FMap m, int i, string key) =>
        m with { Entries = m.Entries.SetItem(i % m.Entries.Length, m.Entries[i % m.Entries.Length] with { Key = FScalar.Quoted(key) }) };

    private static FMap Remove(FMap m, int i) => m with { Entries = m.Entries.RemoveAt(i % m.Entries.Length) };

    private static FMap Add(FMap m, string key, FNode value) => m with { Entries = m.Entries.Add(new FEntry(FScalar.Quoted(key), value)) };

    private static FMap MergeKey(FMap m, int i, int kind)
    {
        var merge = FScalar.Plain("<<");
        var index = i % m.Entries.Length;
        var source = m.Entries[index].Value;
        switch (kind)
        {
            case 0:
                // The common form: an anchored sibling merged in.
                var anchored = m.Entries.SetItem(index, m.Entries[index] with { Value = source with { Anchor = "m" + index } });
                return m with { Entries = anchored.Add(new FEntry(merge, new FAlias("m" + index))) };
            case 1:
                return m with { Entries = m.Entries.Insert(0, new FEntry(merge, new FMap([new FEntry(FScalar.Plain("kind"), FScalar.Plain("Secret")), new FEntry(FScalar.Plain("extra"), FScalar.Plain("1"))]) { Flow = true })) };
            case 2:
                return m with { Entries = m.Entries.Add(new FEntry(merge, new FSeq([source, new FMap([new FEntry(FScalar.Plain("x"), FScalar.Plain("y"))]) { Flow = true }]) { Flow = true })) };
            case 3:
                return m with { Entries = m.Entries.Add(new FEntry(merge, FScalar.Plain("not-a-mapping"))) };
            default:
                // A merge key that merges the mapping into itself: the alias is inside its own anchor.
                return m with { Anchor = "self", Entries = m.Entries.Add(new FEntry(merge, new FAlias("self"))) };
        }
    }

    private static string Show(ImmutableArray<int> path) => path.IsEmpty ? "root" : string.Join('/', path);

    private static string Describe(FNode node) => node switch
    {
        FScalar s => $"{s.Style} scalar of {s.Text.Length} chars{(s.Tag is null ? string.Empty : " tagged " + s.Tag)}: {Truncate(s.Text)}",
        FMap m => $"mapping of {m.Entries.Length}",
        FSeq s => $"sequence of {s.Items.Length}",
        FAlias a => "alias *" + a.Name,
        _ => "?",
    };

    private static string Truncate(string text)
    {
        var shown = text.Length > 40 ? text[..40] + "..." : text;
        return string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
