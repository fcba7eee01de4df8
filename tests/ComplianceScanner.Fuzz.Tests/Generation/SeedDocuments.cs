using System.Collections.Immutable;
using ComplianceScanner.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>
/// Real documents the mutations start from, so that every known field of a manifest or of scanner.yaml gets its turn:
/// the demo cluster's manifests and the repository's scanner.yaml files, read once.
/// </summary>
internal static class SeedDocuments
{
    private static readonly Lazy<ImmutableArray<FNode>> LazyManifests = new(() => Load(
        Directory.EnumerateFiles(RepoPaths.At("examples", "demo-cluster"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))));

    private static readonly Lazy<ImmutableArray<FNode>> LazyConfigs = new(() => Load(
        new[] { RepoPaths.At("scanner.yaml") }.Concat(
            Directory.EnumerateFiles(RepoPaths.At("tests"), "*.scanner.yaml", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/", StringComparison.Ordinal)))));

    /// <summary>Every Kubernetes object (or List) document of the demo cluster.</summary>
    public static ImmutableArray<FNode> Manifests => LazyManifests.Value;

    /// <summary>The repository's scanner.yaml and the rule fixtures' configs.</summary>
    public static ImmutableArray<FNode> Configs => LazyConfigs.Value;

    private static ImmutableArray<FNode> Load(IEnumerable<string> files)
    {
        var docs = ImmutableArray.CreateBuilder<FNode>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            docs.AddRange(stream.Documents.Where(d => d.RootNode is YamlMappingNode).Select(d => Convert(d.RootNode)));
        }

        return docs.Count > 0 ? docs.ToImmutable() : throw new InvalidOperationException("no seed documents found");
    }

    private static FNode Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new FMap([.. m.Children.Select(c => new FEntry(Convert(c.Key), Convert(c.Value)))]),
        YamlSequenceNode s => new FSeq([.. s.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } p => FScalar.Plain(p.Value ?? string.Empty),
        YamlScalarNode q => FScalar.Quoted(q.Value ?? string.Empty),
        _ => FScalar.Plain(string.Empty),
    };
}
