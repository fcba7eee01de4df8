using System.Collections.Immutable;
using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary><c>separation: [{name, duties, beyond, severity}]</c>: toxic combinations of duties.</summary>
internal static class SeparationSection
{
    private static readonly FieldTable Fields = new(
        FieldSpec.Required("name"),
        FieldSpec.Required("duties"),
        FieldSpec.Required("beyond"),
        FieldSpec.Optional("severity"));

    private static readonly string[] BeyondValues = [SeparationRule.BeyondOwnNamespaces, SeparationRule.BeyondAnywhere];

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        var rules = ImmutableArray.CreateBuilder<SeparationRule>();
        var names = new Dictionary<string, Located<string>>(StringComparer.Ordinal);
        foreach (var item in context.Reader.Sequence(node, path))
        {
            var view = context.Reader.Mapping(item.Node, item.Path, Fields);
            if (view is null)
            {
                continue;
            }

            var name = view.String("name");
            if (name is { } n)
            {
                if (NameRules.NameProblem(n.Value) is { } problem)
                {
                    context.Diagnostics.Error(n.Node, n.Path, ConfigDiagnosticCodes.InvalidName, $"separation rule name {NodeText.Quote(n.Value)} {problem}.");
                }
                else if (!names.TryAdd(n.Value, n))
                {
                    var first = names[n.Value];
                    context.Diagnostics.Error(n.Node, n.Path, ConfigDiagnosticCodes.DuplicateName, $"separation rule name {NodeText.Quote(n.Value)} is already used {ClaimChecks.Where(first.Path, first.Node)}.");
                }
            }

            var duties = Duties(context, view);
            var beyond = Beyond(context, view);
            var severity = Severity.High;
            if (view.String("severity") is { } sev)
            {
                if (SeverityNames.TryParse(sev.Value, out var parsed))
                {
                    severity = parsed.Value;
                }
                else
                {
                    context.Diagnostics.Error(sev.Node, sev.Path, ConfigDiagnosticCodes.InvalidSeverity, $"invalid severity {NodeText.Quote(sev.Value)}: expected one of {SeverityNames.Allowed}.");
                }
            }

            if (name is not null && beyond is not null)
            {
                rules.Add(new SeparationRule(name.Value.Value, duties, beyond, severity));
            }
        }

        return config with { Separation = rules.ToImmutable() };
    }

    private static ImmutableArray<string> Duties(BindingContext context, MappingView view)
    {
        var duties = view.Strings("duties");
        var distinct = new Dictionary<string, Located<string>>(StringComparer.Ordinal);
        foreach (var d in duties)
        {
            if (!distinct.TryAdd(d.Value, d))
            {
                context.Diagnostics.Error(d.Node, d.Path, ConfigDiagnosticCodes.InvalidValue, $"duty {NodeText.Quote(d.Value)} is listed twice.");
            }
        }

        if (view.Get("duties") is YamlSequenceNode list && distinct.Count < 2)
        {
            context.Diagnostics.Error(
                list,
                view.PathOf("duties"),
                ConfigDiagnosticCodes.SeparationTooFewDuties,
                $"a separation rule needs at least two different duties, got {distinct.Count}: it forbids holding all of them at once.");
        }

        return [.. context.DutyNames(distinct.Values)];
    }

    private static string? Beyond(BindingContext context, MappingView view)
    {
        if (view.String("beyond") is not { } beyond)
        {
            return null;
        }

        if (BeyondValues.Contains(beyond.Value, StringComparer.Ordinal))
        {
            return beyond.Value;
        }

        context.Diagnostics.Error(
            beyond.Node,
            beyond.Path,
            ConfigDiagnosticCodes.InvalidBeyond,
            $"{NodeText.Quote(beyond.Value)} is not a valid value: expected own-namespaces (a team may combine the duties inside its own namespaces only) or anywhere (nobody may combine them).{Suggestions.Hint(beyond.Value, BeyondValues)}");
        return null;
    }
}
