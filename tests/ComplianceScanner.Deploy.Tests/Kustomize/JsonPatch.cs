using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Deploy.Tests.Kustomize;

/// <summary>RFC 6902 add, replace and remove on a YAML tree: the operations deploy/'s patches use (others fail the test).</summary>
public static class JsonPatch
{
    public static void Apply(YamlMappingNode target, YamlSequenceNode operations, string origin)
    {
        foreach (var operation in operations.Children.Cast<YamlMappingNode>())
        {
            var op = YamlTree.Text(operation, "op");
            var path = YamlTree.Text(operation, "path") ?? throw new InvalidOperationException($"{origin}: a patch operation has no path.");
            var value = YamlTree.At(operation, "value");
            var tokens = path.Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
            if (path.Length == 0 || path[0] != '/' || tokens.Count == 0)
            {
                throw new InvalidOperationException($"{origin}: patch path '{path}' is not a JSON pointer below the root.");
            }

            YamlNode parent = target;
            foreach (var token in tokens.Take(tokens.Count - 1))
            {
                parent = Child(parent, token) ?? throw new InvalidOperationException($"{origin}: patch path '{path}': '{token}' does not exist.");
            }

            var last = tokens[^1];
            switch (op)
            {
                case "add" or "replace" when value is null:
                    throw new InvalidOperationException($"{origin}: '{op}' at '{path}' has no value.");
                case "add":
                    Add(parent, last, value!, path, origin);
                    break;
                case "replace":
                    _ = Child(parent, last) ?? throw new InvalidOperationException($"{origin}: replace at '{path}': nothing to replace.");
                    Set(parent, last, value!);
                    break;
                case "remove":
                    Remove(parent, last, path, origin);
                    break;
                default:
                    throw new InvalidOperationException($"{origin}: patch operation '{op}' is not supported by the test renderer.");
            }
        }
    }

    private static YamlNode? Child(YamlNode parent, string token) => parent switch
    {
        YamlMappingNode mapping => mapping.Children.TryGetValue(new YamlScalarNode(token), out var child) ? child : null,
        YamlSequenceNode sequence when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sequence.Children.Count => sequence.Children[i],
        _ => null,
    };

    private static void Add(YamlNode parent, string token, YamlNode value, string path, string origin)
    {
        if (parent is YamlSequenceNode sequence)
        {
            if (token == "-")
            {
                sequence.Children.Add(value);
            }
            else if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= sequence.Children.Count)
            {
                sequence.Children.Insert(i, value);
            }
            else
            {
                throw new InvalidOperationException($"{origin}: add at '{path}': index out of range.");
            }

            return;
        }

        Set(parent, token, value);
    }

    private static void Set(YamlNode parent, string token, YamlNode value)
    {
        switch (parent)
        {
            case YamlMappingNode mapping:
                mapping.Children[new YamlScalarNode(token)] = value;
                break;
            case YamlSequenceNode sequence:
                sequence.Children[int.Parse(token, CultureInfo.InvariantCulture)] = value;
                break;
            default:
                throw new InvalidOperationException("cannot set a child of a scalar");
        }
    }

    private static void Remove(YamlNode parent, string token, string path, string origin)
    {
        var removed = parent switch
        {
            YamlMappingNode mapping => mapping.Children.Remove(new YamlScalarNode(token)),
            YamlSequenceNode sequence when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sequence.Children.Count
                => sequence.Children.Remove(sequence.Children[i]),
            _ => false,
        };
        if (!removed)
        {
            throw new InvalidOperationException($"{origin}: remove at '{path}': nothing to remove.");
        }
    }
}
