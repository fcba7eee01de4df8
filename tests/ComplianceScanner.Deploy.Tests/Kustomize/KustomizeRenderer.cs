using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ComplianceScanner.Deploy.Tests.Kustomize;

/// <summary>
/// Renders a kustomization the way <c>kubectl kustomize</c> does, for the features deploy/ uses: resources (files and
/// directories), components, configMapGenerator without name hashes, inline JSON 6902 patches with a target, and images.
/// Anything else in a kustomization.yaml fails strict reading, so the tests run on what kustomize would apply; where
/// kubectl is installed, <see cref="KustomizationTests"/> compares the two renderings.
/// </summary>
public static class KustomizeRenderer
{
    public const string FileName = "kustomization.yaml";

    private static readonly IDeserializer Strict = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Reads a kustomization.yaml strictly: an unknown field throws, naming it.</summary>
    public static KustomizationFile Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            return Strict.Deserialize<KustomizationFile>(File.ReadAllText(path)) ?? new KustomizationFile();
        }
        catch (YamlException ex)
        {
            throw new InvalidOperationException($"{path}: {ex.Message} {ex.InnerException?.Message}", ex);
        }
    }

    /// <summary>Renders the kustomization in <paramref name="directory"/>, with extra components applied after its own.</summary>
    public static List<RenderedObject> Render(string directory, params string[] extraComponents)
    {
        var kustomization = Read(directory);
        if (kustomization.Kind is not ("Kustomization" or null))
        {
            throw new InvalidOperationException($"{Path.Combine(directory, FileName)}: kind {kustomization.Kind} cannot be rendered on its own.");
        }

        var objects = new List<RenderedObject>();
        Accumulate(directory, kustomization, objects, extraComponents);
        var duplicate = objects.GroupBy(o => o.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"{directory}: {duplicate.Key} is defined more than once ({string.Join(", ", duplicate.Select(o => o.Origin))}).");
        }

        return objects;
    }

    /// <summary>The files and directories a kustomization names (resources, components, generator files), resolved.</summary>
    public static IEnumerable<string> References(string directory, KustomizationFile kustomization)
    {
        ArgumentNullException.ThrowIfNull(kustomization);
        return kustomization.Resources
            .Concat(kustomization.Components)
            .Concat(kustomization.ConfigMapGenerator.SelectMany(g => g.Files.Select(FileOf)))
            .Concat(kustomization.Patches.Where(p => p.Path is not null).Select(p => p.Path!))
            .Select(r => Path.GetFullPath(Path.Combine(directory, r)));
    }

    private static void Accumulate(string directory, KustomizationFile kustomization, List<RenderedObject> objects, IEnumerable<string> extraComponents)
    {
        foreach (var resource in kustomization.Resources)
        {
            var path = Path.GetFullPath(Path.Combine(directory, resource));
            if (Directory.Exists(path))
            {
                objects.AddRange(Render(path));
            }
            else if (File.Exists(path))
            {
                objects.AddRange(YamlTree.Documents(File.ReadAllText(path), path).Select(d => new RenderedObject(d, path)));
            }
            else
            {
                throw new InvalidOperationException($"{Path.Combine(directory, FileName)}: resource '{resource}' does not exist ({path}).");
            }
        }

        foreach (var generator in kustomization.ConfigMapGenerator)
        {
            objects.Add(Generate(directory, generator));
        }

        foreach (var component in kustomization.Components.Select(c => Path.GetFullPath(Path.Combine(directory, c))).Concat(extraComponents))
        {
            var read = Read(component);
            if (read.Kind != "Component")
            {
                throw new InvalidOperationException($"{Path.Combine(component, FileName)}: a component must be kind Component, not {read.Kind}.");
            }

            Accumulate(component, read, objects, []);
        }

        foreach (var patch in kustomization.Patches)
        {
            Patch(directory, patch, objects);
        }

        foreach (var image in kustomization.Images)
        {
            SetImage(image, objects);
        }
    }

    /// <summary>Sets the image of every container (and init container) of a pod template whose image is the entry's name.</summary>
    private static void SetImage(ImageSpec image, List<RenderedObject> objects)
    {
        foreach (var obj in objects)
        {
            var containers = new[] { "containers", "initContainers" }
                .Select(field => YamlTree.At(obj.Node, "spec", "template", "spec", field))
                .OfType<YamlSequenceNode>()
                .SelectMany(s => s.Children.OfType<YamlMappingNode>());
            foreach (var container in containers)
            {
                var current = YamlTree.Text(container, "image") ?? string.Empty;
                var tagAt = current.LastIndexOf(':');
                var name = tagAt > current.LastIndexOf('/') ? current[..tagAt] : current;
                if (name != image.Name)
                {
                    continue;
                }

                var tag = image.NewTag ?? (tagAt > current.LastIndexOf('/') ? current[(tagAt + 1)..] : null);
                container.Children[new YamlScalarNode("image")] = new YamlScalarNode((image.NewName ?? name) + (tag is null ? string.Empty : ":" + tag));
            }
        }
    }

    private static RenderedObject Generate(string directory, ConfigMapGeneratorSpec generator)
    {
        var origin = Path.Combine(directory, FileName);
        if (generator.Options?.DisableNameSuffixHash != true)
        {
            throw new InvalidOperationException($"{origin}: configMapGenerator {generator.Name}: name hashes are not rendered by the test renderer; deploy/ disables them.");
        }

        var data = new YamlMappingNode();
        foreach (var file in generator.Files)
        {
            var key = file.Contains('=', StringComparison.Ordinal) ? file[..file.IndexOf('=', StringComparison.Ordinal)] : Path.GetFileName(file);
            data.Add(key, new YamlScalarNode(File.ReadAllText(Path.Combine(directory, FileOf(file)))) { Style = ScalarStyle.Literal });
        }

        var metadata = new YamlMappingNode { { "name", generator.Name ?? string.Empty } };
        if (generator.Namespace is not null)
        {
            metadata.Add("namespace", generator.Namespace);
        }

        if (generator.Options.Labels.Count > 0)
        {
            var labels = new YamlMappingNode();
            foreach (var (key, value) in generator.Options.Labels)
            {
                labels.Add(key, value);
            }

            metadata.Add("labels", labels);
        }

        var node = new YamlMappingNode { { "apiVersion", "v1" }, { "kind", "ConfigMap" }, { "metadata", metadata }, { "data", data } };
        return new RenderedObject(node, origin);
    }

    private static void Patch(string directory, KustomizationPatch patch, List<RenderedObject> objects)
    {
        var origin = Path.Combine(directory, FileName);
        if (patch.Patch is null || patch.Target is not { } target)
        {
            throw new InvalidOperationException($"{origin}: the test renderer supports inline JSON 6902 patches with a target only.");
        }

        var matches = objects.Where(o =>
            (target.Kind is null || target.Kind == o.Kind)
            && (target.Name is null || target.Name == o.Name)
            && (target.Namespace is null || target.Namespace == o.Namespace)
            && (target.Group is null || target.Group == o.Group)
            && (target.Version is null || target.Version == o.Version)).ToList();
        if (matches.Count == 0)
        {
            throw new InvalidOperationException($"{origin}: the patch for {target.Kind} {target.Name} matches no object.");
        }

        foreach (var match in matches)
        {
            // Parsed per object: the operations' values are inserted into the tree and must not be shared.
            var stream = new YamlStream();
            stream.Load(new StringReader(patch.Patch));
            var operations = stream.Documents[0].RootNode as YamlSequenceNode
                ?? throw new InvalidOperationException($"{origin}: the patch for {target.Kind} {target.Name} is not a list of JSON 6902 operations.");
            JsonPatch.Apply(match.Node, operations, origin);
        }
    }

    private static string FileOf(string generatorFile) =>
        generatorFile.Contains('=', StringComparison.Ordinal) ? generatorFile[(generatorFile.IndexOf('=', StringComparison.Ordinal) + 1)..] : generatorFile;
}
