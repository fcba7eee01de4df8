using System.Collections.Immutable;
using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Model;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>A Kubernetes label selector (<c>matchLabels</c>, <c>matchExpressions</c>), validated as the API server does.</summary>
internal static class SelectorBinder
{
    private static readonly FieldTable Fields = new(FieldSpec.Optional("matchLabels"), FieldSpec.Optional("matchExpressions"));

    private static readonly FieldTable ExpressionFields = new(FieldSpec.Required("key"), FieldSpec.Required("operator"), FieldSpec.Optional("values"));

    private static readonly string[] Operators = ["In", "NotIn", "Exists", "DoesNotExist"];

    public static LabelSelector? Bind(BindingContext context, YamlNode node, string path)
    {
        var view = context.Reader.Mapping(node, path, Fields);
        if (view is null)
        {
            return null;
        }

        var diagnostics = context.Diagnostics;
        var labels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in view.Entries("matchLabels"))
        {
            CheckKey(diagnostics, key);
            if (context.Reader.String(value, key.Path) is { } text)
            {
                if (NameRules.LabelValueProblem(text) is { } problem)
                {
                    diagnostics.Error(value, key.Path, ConfigDiagnosticCodes.InvalidSelector, $"invalid label value {NodeText.Quote(text)}: {problem}.");
                }

                labels[key.Value] = text;
            }
        }

        var expressions = ImmutableArray.CreateBuilder<LabelSelectorRequirement>();
        foreach (var item in view.Sequence("matchExpressions"))
        {
            if (BindExpression(context, item) is { } requirement)
            {
                expressions.Add(requirement);
            }
        }

        if (view.Get("matchLabels") is null or YamlMappingNode { Children.Count: 0 }
            && (view.Get("matchExpressions") is null or YamlSequenceNode { Children.Count: 0 }))
        {
            diagnostics.Error(
                node,
                path,
                ConfigDiagnosticCodes.InvalidSelector,
                "an empty selector selects every namespace. Hint: add matchLabels or matchExpressions, or remove namespaceSelector.");
        }

        return new LabelSelector { MatchLabels = labels.ToImmutable(), MatchExpressions = expressions.ToImmutable() };
    }

    private static LabelSelectorRequirement? BindExpression(BindingContext context, Located<YamlNode> item)
    {
        var view = context.Reader.Mapping(item.Node, item.Path, ExpressionFields);
        if (view is null)
        {
            return null;
        }

        var diagnostics = context.Diagnostics;
        var key = view.String("key");
        if (key is { } k)
        {
            CheckKey(diagnostics, k);
        }

        var op = view.String("operator");
        var values = view.Strings("values");
        foreach (var v in values)
        {
            if (NameRules.LabelValueProblem(v.Value) is { } problem)
            {
                diagnostics.Error(v.Node, v.Path, ConfigDiagnosticCodes.InvalidSelector, $"invalid label value {NodeText.Quote(v.Value)}: {problem}.");
            }
        }

        if (op is not { } o)
        {
            return null;
        }

        switch (o.Value)
        {
            case "In" or "NotIn" when values.IsEmpty:
                diagnostics.Error(view.Get("values") ?? view.Node, view.PathOf("values"), ConfigDiagnosticCodes.InvalidSelector, $"operator {o.Value} needs at least one value.");
                break;
            case "Exists" or "DoesNotExist" when !values.IsEmpty:
                diagnostics.Error(view.Get("values")!, view.PathOf("values"), ConfigDiagnosticCodes.InvalidSelector, $"operator {o.Value} takes no values. Hint: remove values.");
                break;
            case "In" or "NotIn" or "Exists" or "DoesNotExist":
                break;
            default:
                diagnostics.Error(o.Node, o.Path, ConfigDiagnosticCodes.InvalidSelector, $"invalid operator {NodeText.Quote(o.Value)}: expected In, NotIn, Exists or DoesNotExist.{Suggestions.Hint(o.Value, Operators)}");
                return null;
        }

        return key is null ? null : new LabelSelectorRequirement(key.Value.Value, o.Value, [.. values.Select(v => v.Value)]);
    }

    private static void CheckKey(DiagnosticBag diagnostics, Located<string> key)
    {
        if (NameRules.LabelKeyProblem(key.Value) is { } problem)
        {
            diagnostics.Error(key.Node, key.Path, ConfigDiagnosticCodes.InvalidSelector, $"invalid label key {NodeText.Quote(key.Value)}: {problem}.");
        }
    }
}
