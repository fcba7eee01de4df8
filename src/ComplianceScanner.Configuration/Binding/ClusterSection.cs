using ComplianceScanner.Core.Layers;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary><c>cluster: {name}</c>: the name reports and history show for this cluster.</summary>
internal static class ClusterSection
{
    private static readonly FieldTable Fields = new(FieldSpec.Required("name"));

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        if (context.Reader.Mapping(node, path, Fields)?.String("name") is not { } name)
        {
            return config;
        }

        if (string.IsNullOrWhiteSpace(name.Value))
        {
            context.Diagnostics.Error(name.Node, name.Path, ConfigDiagnosticCodes.InvalidValue, "the cluster name must not be empty.");
            return config;
        }

        return config with { ClusterName = name.Value };
    }
}
