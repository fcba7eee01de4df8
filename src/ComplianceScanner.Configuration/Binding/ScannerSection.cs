using System.Collections.Immutable;
using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Layers;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// <c>scanner: {configMaps: ["namespace/name", ...]}</c>: the scanner's own ConfigMaps (configuration, exceptions),
/// which nobody outside the security layer may be able to change (SOD-RBAC-015). Absent: the defaults in each literal
/// namespace of the security layer; an explicit empty list: none.
/// </summary>
internal static class ScannerSection
{
    private static readonly FieldTable Fields = new(FieldSpec.Optional("configMaps"));

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        var view = context.Reader.Mapping(node, path, Fields);
        if (view?.Get("configMaps") is null)
        {
            return config;
        }

        var maps = ImmutableArray.CreateBuilder<ConfigMapName>();
        var seen = new Dictionary<ConfigMapName, Located<string>>();
        foreach (var entry in view.Strings("configMaps"))
        {
            if (Parse(context, entry) is not { } map)
            {
                continue;
            }

            if (seen.TryGetValue(map, out var first))
            {
                context.Diagnostics.Error(entry.Node, entry.Path, ConfigDiagnosticCodes.DuplicateName, $"ConfigMap {NodeText.Quote(entry.Value)} is listed twice {ClaimChecks.Where(first.Path, first.Node)}.");
                continue;
            }

            seen[map] = entry;
            maps.Add(map);
        }

        return config with { SelfProtection = config.SelfProtection with { ConfigMaps = maps.ToImmutable() } };
    }

    private static ConfigMapName? Parse(BindingContext context, Located<string> entry)
    {
        var parts = entry.Value.Split('/');
        string? problem = null;
        if (parts.Length != 2)
        {
            problem = $"{NodeText.Quote(entry.Value)} is not namespace/name. Hint: write the ConfigMap's namespace and name separated by one '/', e.g. \"security/compliance-scanner\".";
        }
        else if (!NameRules.IsDnsLabel(parts[0]))
        {
            problem = $"{NodeText.Quote(parts[0])} is not a valid namespace name: it must be at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (globs are not allowed here).";
        }
        else if (!NameRules.IsDnsSubdomain(parts[1]))
        {
            problem = $"{NodeText.Quote(parts[1])} is not a valid ConfigMap name: it must be at most 253 lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit (globs are not allowed here).";
        }

        if (problem is not null)
        {
            context.Diagnostics.Error(entry.Node, entry.Path, ConfigDiagnosticCodes.InvalidValue, problem);
            return null;
        }

        return new ConfigMapName(parts[0], parts[1]);
    }
}
