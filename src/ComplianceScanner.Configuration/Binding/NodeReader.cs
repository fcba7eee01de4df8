using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// Typed reads of representation-model nodes. A node of the wrong shape is reported once, with what was expected and
/// what was found, and reads as "nothing" so that binding carries on and finds the next problem.
/// </summary>
internal sealed class NodeReader(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && NodeText.IsNullText(s.Value);

    public static string Child(string path, string field) => path.Length == 0 ? field : path + "." + field;

    public static string Item(string path, int index) => $"{path}[{index}]";

    /// <summary>What a node is, for "expected X, got Y" messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "an empty value",
        YamlScalarNode s => "the value " + NodeText.Quote(s.Value ?? string.Empty),
        _ => "an unsupported node",
    };

    public MappingView? Mapping(YamlNode node, string path, FieldTable table)
    {
        if (node is YamlMappingNode map)
        {
            return new MappingView(this, map, path, table);
        }

        WrongType(node, path, "a mapping");
        return null;
    }

    /// <summary>A scalar as text; null (after reporting) for a list or mapping.</summary>
    public string? String(YamlNode node, string path)
    {
        if (node is YamlScalarNode s && !IsNull(s))
        {
            return s.Value ?? string.Empty;
        }

        WrongType(node, path, "a string");
        return null;
    }

    /// <summary>A YAML boolean: plain true or false in any of the core schema's spellings.</summary>
    public bool? Bool(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s)
        {
            switch (s.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        WrongType(node, path, "true or false");
        return null;
    }

    /// <summary>The items of a list with their paths; empty (after reporting) for anything else.</summary>
    public ImmutableArray<Located<YamlNode>> Sequence(YamlNode node, string path)
    {
        if (node is YamlSequenceNode seq)
        {
            return [.. seq.Children.Select((item, i) => new Located<YamlNode>(item, item, Item(path, i)))];
        }

        WrongType(node, path, "a list", node is YamlScalarNode s && !IsNull(s) ? $" Hint: write [{(s.Value!.Length <= NodeText.MaxQuotedLength ? s.Value : "...")}] for a list of one." : string.Empty);
        return [];
    }

    /// <summary>A list of strings; items of the wrong shape are reported and left out.</summary>
    public ImmutableArray<Located<string>> Strings(YamlNode node, string path)
    {
        var result = ImmutableArray.CreateBuilder<Located<string>>();
        foreach (var item in Sequence(node, path))
        {
            if (String(item.Node, item.Path) is { } text)
            {
                result.Add(new Located<string>(text, item.Node, item.Path));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>A mapping with free-form keys (duty names, label keys, rule ids): its entries in file order.</summary>
    public ImmutableArray<(Located<string> Key, YamlNode Value)> Entries(YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            WrongType(node, path, "a mapping");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<(Located<string>, YamlNode)>();
        foreach (var (keyNode, value) in map.Children)
        {
            if (Key(keyNode, path) is { } key)
            {
                result.Add((new Located<string>(key, keyNode, Child(path, key)), value));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>A mapping key as text; complex keys (lists, mappings) are reported.</summary>
    public string? Key(YamlNode keyNode, string path)
    {
        if (keyNode is YamlScalarNode s)
        {
            return s.Value ?? string.Empty;
        }

        Diagnostics.Error(keyNode, path, ConfigDiagnosticCodes.WrongType, $"expected a plain field name as key, got {Describe(keyNode)}.");
        return null;
    }

    private void WrongType(YamlNode node, string path, string expected, string hint = "") =>
        Diagnostics.Error(node, path, ConfigDiagnosticCodes.WrongType, $"expected {expected}, got {Describe(node)}.{hint}");
}
