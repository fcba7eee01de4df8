using System.Diagnostics;
using ComplianceScanner.Deploy.Tests.Kustomize;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Deploy.Tests;

public sealed class KustomizationTests
{
    [Fact]
    public void Every_kustomization_reads_strictly_and_everything_it_names_exists()
    {
        var problems = new List<string>();
        Assert.NotEmpty(DeployTree.KustomizationDirectories);
        foreach (var directory in DeployTree.KustomizationDirectories)
        {
            var kustomization = KustomizeRenderer.Read(directory);
            Assert.True(kustomization.Kind is "Kustomization" or "Component", $"{DeployTree.Relative(directory)}: kind {kustomization.Kind}");
            problems.AddRange(KustomizeRenderer.References(directory, kustomization)
                .Where(path => !File.Exists(path) && !Directory.Exists(path))
                .Select(path => $"{DeployTree.Relative(directory)}/kustomization.yaml names {path}, which does not exist"));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_yaml_file_in_deploy_is_used_by_a_kustomization()
    {
        // An orphan manifest would be neither applied nor checked by the tests that render the kustomizations.
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in DeployTree.KustomizationDirectories)
        {
            used.Add(Path.Combine(directory, KustomizeRenderer.FileName));
            used.UnionWith(KustomizeRenderer.References(directory, KustomizeRenderer.Read(directory)));
        }

        var orphans = Directory.EnumerateFiles(DeployTree.Root, "*.yaml", SearchOption.AllDirectories)
            .Select(Path.GetFullPath)
            .Where(f => !used.Contains(f))
            .Select(DeployTree.Relative)
            .ToList();
        Assert.Empty(orphans);
    }

    [Theory]
    [MemberData(nameof(DeployTree.Variants), MemberType = typeof(DeployTree))]
    public void Every_variant_renders_the_whole_base_once(string variant)
    {
        var objects = DeployTree.Render(variant);

        var ids = objects.Select(o => o.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains("Deployment/compliance-scanner/compliance-scanner", ids);
        Assert.Contains("ConfigMap/compliance-scanner/compliance-scanner", ids);
        Assert.All(objects, o => Assert.False(string.IsNullOrEmpty(o.Name), $"{o} has no name"));
    }

    [Fact]
    public void A_kustomization_field_the_renderer_does_not_model_fails_the_read()
    {
        using var dir = new TempDirectory();
        dir.File("kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefix: prod-\nresources: []\n");

        var ex = Assert.Throws<InvalidOperationException>(() => KustomizeRenderer.Read(dir.Path));

        Assert.Contains("namePrefix", ex.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(DeployTree.Variants), MemberType = typeof(DeployTree))]
    public void The_test_renderer_renders_what_kubectl_kustomize_renders(string variant)
    {
        Skip.If(variant == DeployTree.AllComponents, "kubectl kustomize renders directories only; the components are compared one overlay at a time.");
        var kubectl = FindOnPath("kubectl");
        Skip.If(kubectl is null, "kubectl is not installed; the renderer's other tests still run.");
        var directory = variant == "deploy" ? DeployTree.Root : Path.Combine(DeployTree.Root, variant);
        var start = new ProcessStartInfo(kubectl!, ["kustomize", directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {variant} failed: {error}");

        var expected = YamlTree.Documents(output, "kubectl kustomize").ToDictionary(d => new RenderedObject(d, "kubectl").Id, YamlTree.Canonical);
        var actual = DeployTree.Render(variant).ToDictionary(o => o.Id, o => YamlTree.Canonical(o.Node));

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, canonical) in expected)
        {
            Assert.True(canonical == actual[id], $"{id} differs:\nkubectl: {canonical}\nrenderer: {actual[id]}");
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
