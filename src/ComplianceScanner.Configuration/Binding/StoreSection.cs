using System.Globalization;
using ComplianceScanner.Core.Layers;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// <c>store: {path, retention: {scans, days}}</c>: the history store. The path defaults to <c>data/scanner.db</c> and,
/// like <c>source.path</c>, is relative to the config file's directory.
/// </summary>
internal static class StoreSection
{
    private static readonly FieldTable Fields = new(FieldSpec.Optional("path"), FieldSpec.Optional("retention"));

    private static readonly FieldTable RetentionFields = new(FieldSpec.Optional("scans"), FieldSpec.Optional("days"));

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        var view = context.Reader.Mapping(node, path, Fields);
        if (view is null)
        {
            return config;
        }

        var file = StoreSettings.DefaultPath;
        if (view.String("path") is { } p)
        {
            if (string.IsNullOrWhiteSpace(p.Value) || p.Value.Contains('\0', StringComparison.Ordinal))
            {
                context.Diagnostics.Error(p.Node, p.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a file path, got {NodeText.Quote(p.Value)}.");
                return config;
            }

            file = p.Value;
        }

        var settings = new StoreSettings { Path = System.IO.Path.GetFullPath(file, context.BaseDirectory) };
        if (view.Mapping("retention", RetentionFields) is { } retention)
        {
            if (PositiveInt(context, retention, "scans") is { } scans)
            {
                settings = settings with { RetentionScans = scans };
            }

            if (PositiveInt(context, retention, "days") is { } days)
            {
                settings = settings with { RetentionDays = days };
            }
        }

        return config with { Store = settings };
    }

    private static int? PositiveInt(BindingContext context, MappingView view, string field)
    {
        if (view.String(field) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        context.Diagnostics.Error(text.Node, text.Path, ConfigDiagnosticCodes.InvalidValue, $"must be a whole number of at least 1, got {NodeText.Quote(text.Value)}.");
        return null;
    }
}
