using System.Collections.Immutable;
using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// <c>duties: {name: {description, rules}}</c>: declared duties, merged over <see cref="BuiltinDuties.All"/>;
/// a declared duty replaces the built-in one of the same name entirely.
/// </summary>
internal static class DutiesSection
{
    private static readonly FieldTable DutyFields = new(FieldSpec.Optional("description"), FieldSpec.Required("rules"));

    private static readonly FieldTable RuleFields = new(
        FieldSpec.Optional("apiGroups"),
        FieldSpec.Optional("resources"),
        FieldSpec.Required("verbs"),
        FieldSpec.Optional("resourceNames"),
        FieldSpec.Optional("nonResourceURLs"));

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        var duties = config.Duties.ToBuilder();
        foreach (var (name, value) in context.Reader.Entries(node, path))
        {
            if (NameRules.NameProblem(name.Value) is { } problem)
            {
                context.Diagnostics.Error(name.Node, name.Path, ConfigDiagnosticCodes.InvalidName, $"duty name {NodeText.Quote(name.Value)} {problem}.");
            }

            var view = context.Reader.Mapping(value, name.Path, DutyFields);
            if (view is null)
            {
                continue;
            }

            var rules = view.Sequence("rules");
            if (rules.IsEmpty && view.Get("rules") is YamlSequenceNode empty)
            {
                context.Diagnostics.Error(empty, view.PathOf("rules"), ConfigDiagnosticCodes.InvalidPolicyRule, "a duty needs at least one rule.");
            }

            var bound = rules.Select(r => BindRule(context, r)).OfType<PolicyRule>().ToImmutableArray();
            duties[name.Value] = new Duty(name.Value, view.String("description")?.Value ?? string.Empty, bound);
        }

        return config with { Duties = duties.ToImmutable() };
    }

    /// <summary>A PolicyRule, validated as the Kubernetes API server validates ClusterRole rules.</summary>
    private static PolicyRule? BindRule(BindingContext context, Located<YamlNode> item)
    {
        var view = context.Reader.Mapping(item.Node, item.Path, RuleFields);
        if (view is null)
        {
            return null;
        }

        var rule = new PolicyRule
        {
            ApiGroups = Values(view, "apiGroups"),
            Resources = Values(view, "resources"),
            Verbs = Values(view, "verbs"),
            ResourceNames = Values(view, "resourceNames"),
            NonResourceUrls = Values(view, "nonResourceURLs"),
        };
        var diagnostics = context.Diagnostics;
        if (rule.Verbs.IsEmpty && view.Get("verbs") is { } verbs)
        {
            diagnostics.Error(verbs, view.PathOf("verbs"), ConfigDiagnosticCodes.InvalidPolicyRule, "verbs must list at least one verb (\"*\" for all).");
        }

        if (!rule.NonResourceUrls.IsEmpty)
        {
            if (!rule.ApiGroups.IsEmpty || !rule.Resources.IsEmpty || !rule.ResourceNames.IsEmpty)
            {
                diagnostics.Error(
                    view.Get("nonResourceURLs")!,
                    view.PathOf("nonResourceURLs"),
                    ConfigDiagnosticCodes.InvalidPolicyRule,
                    "a rule applies either to resources (apiGroups, resources, resourceNames) or to nonResourceURLs, not both. Hint: split it into two rules.");
            }

            foreach (var url in view.Strings("nonResourceURLs").Where(u => !u.Value.StartsWith('/') && u.Value != "*"))
            {
                diagnostics.Error(url.Node, url.Path, ConfigDiagnosticCodes.InvalidPolicyRule, $"non-resource URL {NodeText.Quote(url.Value)} must start with '/' (or be \"*\").");
            }

            return rule;
        }

        if (rule.ApiGroups.IsEmpty)
        {
            diagnostics.Error(
                view.Get("apiGroups") ?? view.Node,
                view.PathOf("apiGroups"),
                ConfigDiagnosticCodes.InvalidPolicyRule,
                "a resource rule needs at least one API group. Hint: the core group (Secrets, Services) is \"\", as in apiGroups: [\"\"].");
        }

        if (rule.Resources.IsEmpty)
        {
            diagnostics.Error(view.Get("resources") ?? view.Node, view.PathOf("resources"), ConfigDiagnosticCodes.InvalidPolicyRule, "a resource rule needs at least one resource.");
        }

        return rule;
    }

    private static ImmutableArray<string> Values(MappingView view, string field) => [.. view.Strings(field).Select(s => s.Value)];
}
