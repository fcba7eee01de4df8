using ComplianceScanner.Configuration;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.Snapshot.Manifests;
using ComplianceScanner.TestSupport;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Core.Tests.Export;

/// <summary>The demo cluster and its scanner.yaml, as the export tests read them.</summary>
internal static class DemoInputs
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static ScannerConfig Config()
    {
        var result = ConfigLoader.LoadFile(RepoPaths.At("scanner.yaml"), Today);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Config!;
    }

    public static ClusterSnapshot Snapshot()
    {
        var loaded = new ManifestLoader().Load([RepoPaths.At("examples", "demo-cluster")]);
        Assert.Empty(loaded.Errors);
        return loaded.Snapshot;
    }

    /// <summary>Every object of the demo manifests as a plain map (what CEL sees as <c>object</c>), with its apiVersion and kind.</summary>
    public static IEnumerable<Dictionary<string, object?>> RawObjects()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.At("examples", "demo-cluster")).Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            foreach (var doc in stream.Documents)
            {
                if (Plain(doc.RootNode) is not Dictionary<string, object?> map)
                {
                    continue;
                }

                // kubectl get -o yaml output: the objects are the List's items.
                if (map.GetValueOrDefault("items") is List<object?> items && ((string?)map.GetValueOrDefault("kind"))?.EndsWith("List", StringComparison.Ordinal) == true)
                {
                    foreach (var item in items.OfType<Dictionary<string, object?>>())
                    {
                        yield return item;
                    }
                }
                else
                {
                    yield return map;
                }
            }
        }
    }

    /// <summary>A YAML node as maps, lists and scalars (strings, longs, booleans), as the API server's JSON would decode.</summary>
    public static object? Plain(YamlNode node) => node switch
    {
        YamlMappingNode m => m.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => Plain(kv.Value), StringComparer.Ordinal),
        YamlSequenceNode s => s.Children.Select(Plain).ToList(),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } p when p.Value is "true" or "false" => p.Value == "true",
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } p when long.TryParse(p.Value, out var n) => n,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "null" or "~" or "" } => null,
        YamlScalarNode p => p.Value,
        _ => null,
    };
}
