using System.Collections.Immutable;
using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Layers;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// <c>ingress: {forbiddenAnnotations, defaultBackendAllowedNamespaces}</c>. An absent field keeps its default;
/// an explicit empty list means "none".
/// </summary>
internal static class IngressSection
{
    private static readonly FieldTable Fields = new(FieldSpec.Optional("forbiddenAnnotations"), FieldSpec.Optional("defaultBackendAllowedNamespaces"));

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        var view = context.Reader.Mapping(node, path, Fields);
        if (view is null)
        {
            return config;
        }

        var policy = IngressPolicy.Default;
        if (view.Get("forbiddenAnnotations") is not null)
        {
            var patterns = ImmutableArray.CreateBuilder<string>();
            foreach (var p in view.Strings("forbiddenAnnotations"))
            {
                if (NameRules.AnnotationPatternProblem(p.Value) is { } problem)
                {
                    context.Diagnostics.Error(p.Node, p.Path, ConfigDiagnosticCodes.InvalidAnnotationPattern, $"invalid annotation pattern {NodeText.Quote(p.Value)}: {problem}.");
                    continue;
                }

                patterns.Add(p.Value);
            }

            policy = policy with { ForbiddenAnnotations = patterns.ToImmutable() };
        }

        if (view.Get("defaultBackendAllowedNamespaces") is not null)
        {
            // Not ownership claims: these namespaces may belong to anyone.
            policy = policy with { DefaultBackendAllowedNamespaces = LayersSection.NamespacePatterns(context, view.Strings("defaultBackendAllowedNamespaces"), owner: null) };
        }

        return config with { Ingress = policy };
    }
}
