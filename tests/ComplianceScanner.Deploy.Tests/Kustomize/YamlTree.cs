using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Deploy.Tests.Kustomize;

/// <summary>Small helpers over YamlDotNet's representation model: read documents, walk paths, write and compare trees.</summary>
public static class YamlTree
{
    /// <summary>The non-empty documents of a YAML text, each of which must be a mapping.</summary>
    public static List<YamlMappingNode> Documents(string text, string origin)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var documents = new List<YamlMappingNode>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue;
            }

            documents.Add(document.RootNode as YamlMappingNode
                ?? throw new InvalidOperationException($"{origin}: a document is not a mapping (line {document.RootNode.Start.Line})."));
        }

        return documents;
    }

    /// <summary>The node at a path of mapping keys, or null.</summary>
    public static YamlNode? At(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>The scalar text at a path of mapping keys, or null.</summary>
    public static string? Text(YamlNode node, params string[] path) => (At(node, path) as YamlScalarNode)?.Value;

    public static string ToYaml(YamlNode node)
    {
        var stream = new YamlStream(new YamlDocument(node));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>
    /// A canonical text of a tree (mapping keys sorted, scalars by value) to compare two renderings of the same object
    /// regardless of key order and quoting style.
    /// </summary>
    public static string Canonical(YamlNode node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(YamlNode node, StringBuilder text)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                text.Append('{');
                foreach (var (key, value) in mapping.Children
                    .Select(c => (Key: ((YamlScalarNode)c.Key).Value ?? string.Empty, c.Value))
                    .OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    text.Append(key).Append(':');
                    Write(value, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case YamlSequenceNode sequence:
                text.Append('[');
                foreach (var item in sequence.Children)
                {
                    Write(item, text);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case YamlScalarNode scalar:
                text.Append('"').Append(scalar.Value?.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            default:
                throw new InvalidOperationException("unexpected YAML node " + node.NodeType);
        }
    }
}
