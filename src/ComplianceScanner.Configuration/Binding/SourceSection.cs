using ComplianceScanner.Core.Layers;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary><c>source: {path}</c>: manifests to scan, relative to the config file's directory.</summary>
internal static class SourceSection
{
    private static readonly FieldTable Fields = new(FieldSpec.Required("path"));

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        if (context.Reader.Mapping(node, path, Fields)?.String("path") is not { } source)
        {
            return config;
        }

        if (string.IsNullOrWhiteSpace(source.Value) || source.Value.Contains('\0', StringComparison.Ordinal))
        {
            context.Diagnostics.Error(source.Node, source.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a file or directory path, got {NodeText.Quote(source.Value)}.");
            return config;
        }

        // Relative to the config file, not to wherever the scanner happens to be started.
        return config with { SourcePath = Path.GetFullPath(source.Value, context.BaseDirectory) };
    }
}
