using System.Collections.Immutable;
using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary><c>rules: {disabled: [ids], severity: {id: severity}}</c>: switch rules off or change their severity.</summary>
internal static class RulesSection
{
    private static readonly FieldTable Fields = new(FieldSpec.Optional("disabled"), FieldSpec.Optional("severity"));

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        var view = context.Reader.Mapping(node, path, Fields);
        if (view is null)
        {
            return config;
        }

        var disabled = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var id in view.Strings("disabled"))
        {
            if (CheckRuleId(context, id))
            {
                disabled.Add(id.Value);
            }
        }

        var overrides = ImmutableSortedDictionary.CreateBuilder<string, Severity>(StringComparer.Ordinal);
        foreach (var (id, value) in view.Entries("severity"))
        {
            var validId = CheckRuleId(context, id);
            if (context.Reader.String(value, id.Path) is not { } text)
            {
                continue;
            }

            if (!SeverityNames.TryParse(text, out var severity))
            {
                context.Diagnostics.Error(value, id.Path, ConfigDiagnosticCodes.InvalidSeverity, $"invalid severity {NodeText.Quote(text)}: expected one of {SeverityNames.Allowed}.");
            }
            else if (validId)
            {
                overrides[id.Value] = severity.Value;
            }
        }

        return config with { Rules = new RuleSettings { Disabled = disabled.ToImmutable(), SeverityOverrides = overrides.ToImmutable() } };
    }

    private static bool CheckRuleId(BindingContext context, Located<string> id)
    {
        if (!NameRules.IsRuleId(id.Value))
        {
            context.Diagnostics.Error(id.Node, id.Path, ConfigDiagnosticCodes.InvalidRuleId, $"{NodeText.Quote(id.Value)} is not a rule id: ids look like SOD-ING-003 (SOD-, an upper-case area, -, three digits).");
            return false;
        }

        return KnownRules.Check(context, id);
    }
}
