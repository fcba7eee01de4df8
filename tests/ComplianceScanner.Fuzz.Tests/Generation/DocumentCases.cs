using System.Collections.Immutable;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>
/// The generated files: seed documents, picked, repeated and wrapped into Lists, then mutated as trees, emitted as
/// YAML or JSON, and mutated as bytes.
/// </summary>
internal static class DocumentCases
{
    /// <summary>Manifest files: one to a few objects (sometimes thousands of documents, sometimes in a List).</summary>
    public static Gen<FuzzCase> Manifests { get; } = Build(SeedDocuments.Manifests, allowLists: true, manyDocuments: Gen.Frequency((4, Gen.Choose(20, 200)), (1, Gen.Choose(200, 2_000))), oneDocumentOnly: false);

    /// <summary>scanner.yaml files: one document (sometimes several, which the loader must refuse).</summary>
    public static Gen<FuzzCase> Configs { get; } = Build(SeedDocuments.Configs, allowLists: false, manyDocuments: Gen.Choose(2, 50), oneDocumentOnly: true);

    /// <summary>Inputs stop here (longer ones are cut): big enough for every bound to be reached, small enough for 100 000 runs.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private static Gen<FuzzCase> Build(ImmutableArray<FNode> seeds, bool allowLists, Gen<int> manyDocuments, bool oneDocumentOnly) =>
        from count in Gen.Frequency((60, Gen.Constant(1)), (allowLists ? 20 : 2, Gen.Choose(2, 5)), (1, manyDocuments))
        from picks in Gen.ArrayOf(Gen.Elements<FNode>(seeds), Math.Min(count, 5))
        from renamed in Gen.Elements(false, true)
        from wrap in allowLists ? Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2))) : Gen.Constant(0)
        let docs = Wrap(Cycle(picks, count, renamed), wrap)
        from target in Gen.Choose(0, docs.Length - 1)
        from mutated in TreeMutations.Some(docs[target], 3)
        let final = docs.SetItem(target, mutated.Tree)
        from asJson in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        let text = asJson ? JsonEmitter.Emit(final, MaxBytes) : YamlEmitter.Emit(final, MaxBytes)
        let bytes = Encoding.UTF8.GetBytes(text.Length > MaxBytes ? text[..MaxBytes] : text)
        from bytesMutated in ByteMutations.Some(bytes)
        let pristine = mutated.Description == "pristine" && bytesMutated.Description.Length == 0 && text.Length <= MaxBytes && (!oneDocumentOnly || final.Length == 1)
        select new FuzzCase(
            $"{final.Length} document(s){(wrap > 0 ? " in a List" : string.Empty)} as {(asJson ? "JSON" : "YAML")}: {mutated.Description}{bytesMutated.Description}",
            bytesMutated.Bytes,
            pristine,
            pristine && !asJson && final.All(JsonEmitter.IsJsonSafe) ? Encoding.UTF8.GetBytes(JsonEmitter.Emit(final, int.MaxValue)) : null);

    /// <summary>The picks repeated up to <paramref name="count"/> documents; renamed copies get distinct names so they do not collide.</summary>
    private static ImmutableArray<FNode> Cycle(FNode[] picks, int count, bool renamed) =>
        [.. Enumerable.Range(0, count).Select(i => renamed || count > picks.Length ? Rename(picks[i % picks.Length], i) : picks[i % picks.Length])];

    private static FNode Rename(FNode doc, int i) =>
        doc is FMap m && m.Entries.FirstOrDefault(e => e.Key is FScalar { Text: "metadata" }) is { Value: FMap meta } metaEntry
            && meta.Entries.FirstOrDefault(e => e.Key is FScalar { Text: "name" }) is { Value: FScalar name } nameEntry
            ? m with
            {
                Entries = m.Entries.Replace(metaEntry, metaEntry with
                {
                    Value = meta with { Entries = meta.Entries.Replace(nameEntry, nameEntry with { Value = FScalar.Plain(name.Text + "-" + i) }) },
                }),
            }
            : doc;

    /// <summary>0: as they are; 1: one <c>kind: List</c>; 2: a typed list (RoleList...) when the kinds agree.</summary>
    private static ImmutableArray<FNode> Wrap(ImmutableArray<FNode> docs, int wrap)
    {
        if (wrap == 0)
        {
            return docs;
        }

        var kinds = docs.Select(d => d is FMap m ? m.Entries.FirstOrDefault(e => e.Key is FScalar { Text: "kind" })?.Value as FScalar : null).ToList();
        var listKind = wrap == 2 && kinds.All(k => k is not null && k.Text == kinds[0]!.Text) ? kinds[0]!.Text + "List" : "List";
        var apiVersion = listKind == "List" ? "v1" : docs[0] is FMap first && first.Entries.FirstOrDefault(e => e.Key is FScalar { Text: "apiVersion" })?.Value is FScalar v ? v.Text : "v1";
        return
        [
            new FMap(
            [
                new FEntry(FScalar.Plain("apiVersion"), FScalar.Plain(apiVersion)),
                new FEntry(FScalar.Plain("kind"), FScalar.Plain(listKind)),
                new FEntry(FScalar.Plain("items"), new FSeq(docs)),
            ]),
        ];
    }
}
