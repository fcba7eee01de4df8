using ComplianceScanner.Deploy.Tests.Kustomize;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Deploy.Tests;

/// <summary>deploy/ and the ways it can be applied: the base, each overlay, and the base with every component at once.</summary>
public static class DeployTree
{
    /// <summary>The variant that applies the base with every component in deploy/components.</summary>
    public const string AllComponents = "all-components";

    public static string Root => RepoPaths.At("deploy");

    public static string Base => Path.Combine(Root, "base");

    /// <summary>The production example scanner.yaml the base turns into the agent's ConfigMap.</summary>
    public static string ConfigFile => Path.Combine(Base, "scanner.yaml");

    /// <summary>Every directory below deploy/ (itself included) that holds a kustomization.yaml.</summary>
    public static IReadOnlyList<string> KustomizationDirectories =>
        [.. Directory.EnumerateFiles(Root, KustomizeRenderer.FileName, SearchOption.AllDirectories).Select(f => Path.GetDirectoryName(f)!).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> Components =>
        [.. Directory.EnumerateDirectories(Path.Combine(Root, "components")).Order(StringComparer.Ordinal)];

    /// <summary>Names of every variant: <c>deploy</c>, <c>overlays/NAME</c> for each overlay, and <see cref="AllComponents"/>.</summary>
    public static IReadOnlyList<string> VariantNames =>
        ["deploy", .. Directory.EnumerateDirectories(Path.Combine(Root, "overlays")).Order(StringComparer.Ordinal).Select(d => "overlays/" + Path.GetFileName(d)), AllComponents];

    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        foreach (var name in VariantNames)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>The objects a variant applies to the cluster.</summary>
    public static List<RenderedObject> Render(string variant) => variant switch
    {
        "deploy" => KustomizeRenderer.Render(Root),
        AllComponents => KustomizeRenderer.Render(Root, [.. Components]),
        _ => KustomizeRenderer.Render(Path.Combine(Root, variant)),
    };

    /// <summary>The path relative to the repository root, with forward slashes, for messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/');
}
