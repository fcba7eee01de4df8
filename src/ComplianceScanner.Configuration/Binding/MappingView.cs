using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// A mapping checked against its <see cref="FieldTable"/> (unknown fields and missing required ones are reported on
/// construction), with typed getters by field name. A field whose value is null (<c>key:</c> or <c>~</c>) reads as absent.
/// </summary>
internal sealed class MappingView
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> fields = new(StringComparer.Ordinal);

    public MappingView(NodeReader reader, YamlMappingNode node, string path, FieldTable table)
    {
        Reader = reader;
        Node = node;
        Path = path;
        foreach (var (keyNode, value) in node.Children)
        {
            if (reader.Key(keyNode, path) is not { } key)
            {
                continue;
            }

            if (!table.Contains(key))
            {
                var hint = key == "<<"
                    ? " YAML merge keys are not supported. Hint: write the fields out."
                    : Suggestions.Closest(key, table.Names) is { } s
                        ? $" Hint: did you mean {NodeText.Quote(s)}?"
                        : $" Known fields here: {string.Join(", ", table.Names)}.";
                reader.Diagnostics.Error(keyNode, NodeReader.Child(path, key), ConfigDiagnosticCodes.UnknownField, $"unknown field {NodeText.Quote(key)}.{hint}");
                continue;
            }

            fields[key] = (keyNode, value);
        }

        foreach (var spec in table.Fields.Where(f => f.IsRequired && !Has(f.Name)))
        {
            if (fields.TryGetValue(spec.Name, out var present))
            {
                reader.Diagnostics.Error(present.Key, PathOf(spec.Name), ConfigDiagnosticCodes.MissingField, $"required field {NodeText.Quote(spec.Name)} has no value.");
            }
            else
            {
                reader.Diagnostics.Error(node, PathOf(spec.Name), ConfigDiagnosticCodes.MissingField, $"missing required field {NodeText.Quote(spec.Name)}.");
            }
        }
    }

    public NodeReader Reader { get; }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    public DiagnosticBag Diagnostics => Reader.Diagnostics;

    public string PathOf(string field) => NodeReader.Child(Path, field);

    /// <summary>True when the field is present with a non-null value.</summary>
    public bool Has(string field) => Get(field) is not null;

    /// <summary>The field's value node, or null when absent or null.</summary>
    public YamlNode? Get(string field) =>
        fields.TryGetValue(field, out var entry) && !NodeReader.IsNull(entry.Value) ? entry.Value : null;

    public Located<string>? String(string field) =>
        Get(field) is { } node && Reader.String(node, PathOf(field)) is { } text ? new Located<string>(text, node, PathOf(field)) : null;

    public bool? Bool(string field) => Get(field) is { } node ? Reader.Bool(node, PathOf(field)) : null;

    public MappingView? Mapping(string field, FieldTable table) => Get(field) is { } node ? Reader.Mapping(node, PathOf(field), table) : null;

    public ImmutableArray<Located<YamlNode>> Sequence(string field) => Get(field) is { } node ? Reader.Sequence(node, PathOf(field)) : [];

    public ImmutableArray<Located<string>> Strings(string field) => Get(field) is { } node ? Reader.Strings(node, PathOf(field)) : [];

    public ImmutableArray<(Located<string> Key, YamlNode Value)> Entries(string field) =>
        Get(field) is { } node ? Reader.Entries(node, PathOf(field)) : [];
}
