using System.Collections.Immutable;
using ComplianceScanner.Core.Layers;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// Binds the root mapping of scanner.yaml: checks apiVersion and kind, then hands each top-level section to its binder.
/// The section table is the single place that lists the top-level fields; order matters only for readability,
/// because cross-references are checked after all sections are bound.
/// </summary>
internal static class ScannerConfigBinder
{
    private const string ApiVersionField = "apiVersion";
    private const string KindField = "kind";

    private static readonly ImmutableArray<ConfigSection> Sections =
    [
        new("cluster", ClusterSection.Bind),
        new("source", SourceSection.Bind),
        new("duties", DutiesSection.Bind),
        new("layers", LayersSection.Bind),
        new("separation", SeparationSection.Bind),
        new("ingress", IngressSection.Bind),
        new("rules", RulesSection.Bind),
        new("exceptions", ExceptionsSection.Bind),
        new("scanner", ScannerSection.Bind),
        new("store", StoreSection.Bind),
        new("alerts", AlertsSection.Bind),
        new("schedule", ScheduleSection.Bind),
        new("agent", AgentSection.Bind),

        // After layers: a schedule's audience is checked against the security layer's and the teams' contacts.
        new("reports", ReportsSection.Bind),
    ];

    private static readonly FieldTable RootFields = new(
        [FieldSpec.Required(ApiVersionField), FieldSpec.Required(KindField), .. Sections.Select(s => FieldSpec.Optional(s.Name))]);

    public static ScannerConfig Bind(YamlNode root, BindingContext context)
    {
        var config = new ScannerConfig();
        var view = context.Reader.Mapping(root, string.Empty, RootFields);
        if (view is null)
        {
            return config;
        }

        RequireExactly(view, ApiVersionField, ScannerConfig.ApiVersionV1);
        RequireExactly(view, KindField, ScannerConfig.KindName);
        foreach (var section in Sections)
        {
            if (view.Get(section.Name) is { } node)
            {
                config = section.Bind(context, node, view.PathOf(section.Name), config);
            }
        }

        context.Finish(config);
        return config;
    }

    private static void RequireExactly(MappingView view, string field, string expected)
    {
        if (view.String(field) is { } value && !string.Equals(value.Value, expected, StringComparison.Ordinal))
        {
            view.Diagnostics.Error(
                value.Node,
                value.Path,
                ConfigDiagnosticCodes.InvalidValue,
                $"must be {NodeText.Quote(expected)}, got {NodeText.Quote(value.Value)}. Hint: this version of the scanner reads apiVersion {ScannerConfig.ApiVersionV1}, kind {ScannerConfig.KindName}.");
        }
    }
}
