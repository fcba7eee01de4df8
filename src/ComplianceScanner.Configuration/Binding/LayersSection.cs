using System.Collections.Immutable;
using ComplianceScanner.Configuration.Validation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Text;
using YamlDotNet.RepresentationModel;

namespace ComplianceScanner.Configuration.Binding;

/// <summary>
/// <c>layers: {cluster, security, namespace: {teams}}</c>: who belongs to which layer, the duties each may hold,
/// and the namespaces each owns.
/// </summary>
internal static class LayersSection
{
    private static readonly FieldTable LayersFields = new(FieldSpec.Optional("cluster"), FieldSpec.Optional("security"), FieldSpec.Optional("namespace"));

    private static readonly FieldTable LayerFields = new(FieldSpec.Optional("subjects"), FieldSpec.Optional("duties"), FieldSpec.Optional("namespaces"), FieldSpec.Optional("contacts"));

    private static readonly FieldTable NamespaceLayerFields = new(FieldSpec.Optional("teams"));

    private static readonly FieldTable TeamFields = new(
        FieldSpec.Required("name"),
        FieldSpec.Optional("subjects"),
        FieldSpec.Optional("namespaces"),
        FieldSpec.Optional("namespaceSelector"),
        FieldSpec.Optional("hosts"),
        FieldSpec.Optional("ingressClasses"),
        FieldSpec.Optional("duties"),
        FieldSpec.Optional("requireTls"),
        FieldSpec.Optional("contacts"),
        FieldSpec.Optional("gateways"));

    public static ScannerConfig Bind(BindingContext context, YamlNode node, string path, ScannerConfig config)
    {
        var view = context.Reader.Mapping(node, path, LayersFields);
        if (view is null)
        {
            return config;
        }

        return config with
        {
            ClusterLayer = BindLayer(context, view, "cluster", "the cluster layer"),
            SecurityLayer = BindLayer(context, view, "security", "the security layer"),
            Teams = BindTeams(context, view.Mapping("namespace", NamespaceLayerFields)),
        };
    }

    /// <summary>Namespace names or globs, validated, and claimed for <paramref name="owner"/> unless it is null.</summary>
    internal static ImmutableArray<string> NamespacePatterns(BindingContext context, ImmutableArray<Located<string>> patterns, ClaimOwner? owner)
    {
        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var p in patterns)
        {
            if (NameRules.NamespacePatternProblem(p.Value) is { } problem)
            {
                context.Diagnostics.Error(p.Node, p.Path, ConfigDiagnosticCodes.InvalidGlob, $"invalid namespace pattern {NodeText.Quote(p.Value)}: {problem}.");
                continue;
            }

            if (owner is not null)
            {
                context.Namespaces.Add(new NamespaceClaim(owner, p.Value, p.Node, p.Path));
            }

            result.Add(p.Value);
        }

        return result.ToImmutable();
    }

    private static LayerDefinition BindLayer(BindingContext context, MappingView layers, string field, string display)
    {
        var view = layers.Mapping(field, LayerFields);
        if (view is null)
        {
            return LayerDefinition.Empty;
        }

        var owner = new ClaimOwner(view.Path, display, IsClusterLayer: field == "cluster");

        return new LayerDefinition(Subjects(context, view, owner), [.. context.DutyNames(view.Strings("duties"))])
        {
            Namespaces = NamespacePatterns(context, view.Strings("namespaces"), owner),
            Contacts = Contacts(context, view),
        };
    }

    /// <summary>The <c>contacts</c> list: e-mail addresses or channel names; empty entries are reported.</summary>
    private static ImmutableArray<string> Contacts(BindingContext context, MappingView view)
    {
        var contacts = ImmutableArray.CreateBuilder<string>();
        foreach (var contact in view.Strings("contacts"))
        {
            if (string.IsNullOrWhiteSpace(contact.Value))
            {
                context.Diagnostics.Error(contact.Node, contact.Path, ConfigDiagnosticCodes.InvalidValue, "a contact must not be empty.");
                continue;
            }

            contacts.Add(contact.Value);
        }

        return contacts.ToImmutable();
    }

    private static ImmutableArray<Core.Model.Subject> Subjects(BindingContext context, MappingView view, ClaimOwner owner) =>
        [.. view.Sequence("subjects").Select(s => SubjectBinder.Bind(context, s, owner)).OfType<Core.Model.Subject>()];

    private static ImmutableArray<TeamDefinition> BindTeams(BindingContext context, MappingView? view)
    {
        if (view is null)
        {
            return [];
        }

        var teams = ImmutableArray.CreateBuilder<TeamDefinition>();
        var names = new Dictionary<string, Located<string>>(StringComparer.Ordinal);
        foreach (var item in view.Sequence("teams"))
        {
            var team = context.Reader.Mapping(item.Node, item.Path, TeamFields);
            if (team is null)
            {
                continue;
            }

            var name = team.String("name");
            if (name is { } n)
            {
                if (NameRules.NameProblem(n.Value) is { } problem)
                {
                    context.Diagnostics.Error(n.Node, n.Path, ConfigDiagnosticCodes.InvalidName, $"team name {NodeText.Quote(n.Value)} {problem}.");
                }
                else if (names.TryGetValue(n.Value, out var first))
                {
                    context.Diagnostics.Error(n.Node, n.Path, ConfigDiagnosticCodes.DuplicateName, $"team name {NodeText.Quote(n.Value)} is already used {ClaimChecks.Where(first.Path, first.Node)}. Hint: merge the two teams or rename one.");
                }
                else
                {
                    names[n.Value] = n;
                }
            }

            if (BindTeam(context, team, name?.Value, item.Path) is { } bound)
            {
                teams.Add(bound);
            }
        }

        return teams.ToImmutable();
    }

    private static TeamDefinition? BindTeam(BindingContext context, MappingView team, string? name, string path)
    {
        var owner = new ClaimOwner(path, name is null ? $"the team at {path}" : $"team {name}");
        var subjects = Subjects(context, team, owner);
        var namespaces = NamespacePatterns(context, team.Strings("namespaces"), owner);
        var selector = team.Get("namespaceSelector") is { } selectorNode ? SelectorBinder.Bind(context, selectorNode, team.PathOf("namespaceSelector")) : null;
        if ((team.Get("namespaces") is null or YamlSequenceNode { Children.Count: 0 }) && team.Get("namespaceSelector") is null)
        {
            context.Diagnostics.Error(
                team.Node,
                team.PathOf("namespaces"),
                ConfigDiagnosticCodes.MissingField,
                "a team needs namespaces or a namespaceSelector: without them it owns no namespace. Hint: namespaces: [shop, \"shop-*\"].");
        }

        var hosts = ImmutableArray.CreateBuilder<string>();
        foreach (var host in team.Strings("hosts"))
        {
            if (!HostPattern.IsValid(host.Value, out var problem))
            {
                context.Diagnostics.Error(host.Node, host.Path, ConfigDiagnosticCodes.InvalidHost, $"invalid host {NodeText.Quote(host.Value)}: {problem}. Hint: a leading *. stands for exactly one DNS label.");
                continue;
            }

            hosts.Add(host.Value);
        }

        var classes = ImmutableArray.CreateBuilder<string>();
        foreach (var cls in team.Strings("ingressClasses"))
        {
            if (NameRules.IngressClassProblem(cls.Value) is { } problem)
            {
                context.Diagnostics.Error(cls.Node, cls.Path, ConfigDiagnosticCodes.InvalidIngressClass, $"invalid IngressClass name {NodeText.Quote(cls.Value)}: {problem}.");
                continue;
            }

            classes.Add(cls.Value);
        }

        var gateways = ImmutableArray.CreateBuilder<string>();
        foreach (var gateway in team.Strings("gateways"))
        {
            if (GatewayPatternProblem(gateway.Value) is { } problem)
            {
                context.Diagnostics.Error(gateway.Node, gateway.Path, ConfigDiagnosticCodes.InvalidValue, $"invalid Gateway {NodeText.Quote(gateway.Value)}: {problem}. Hint: gateways: [infra/shared-gateway, \"edge/*\"].");
                continue;
            }

            gateways.Add(gateway.Value);
        }

        var duties = context.DutyNames(team.Strings("duties")).ToImmutableArray();
        var requireTls = team.Bool("requireTls") ?? false;
        return name is null
            ? null
            : new TeamDefinition
            {
                Name = name,
                Subjects = subjects,
                Namespaces = namespaces,
                NamespaceSelector = selector,
                Hosts = hosts.ToImmutable(),
                IngressClasses = classes.ToImmutable(),
                Duties = duties,
                RequireTls = requireTls,
                Contacts = Contacts(context, team),
                Gateways = gateways.ToImmutable(),
            };
    }

    /// <summary>A Gateway reference of a team: <c>namespace/name</c>, each part a name or a glob.</summary>
    private static string? GatewayPatternProblem(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0)
        {
            return "write it as namespace/name (globs allowed in either part)";
        }

        var name = text[(slash + 1)..];
        if (NameRules.NamespacePatternProblem(text[..slash]) is { } nsProblem)
        {
            return "namespace part: " + nsProblem;
        }

        // Gateway names are DNS subdomains (dots allowed), or globs over them.
        return Glob.IsPattern(name)
            ? name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '*' or '?') ? null : "name part: a glob may hold only lower-case letters, digits, '-', '.', * and ?"
            : NameRules.IsDnsSubdomain(name) ? null : "name part: a Gateway name is a DNS subdomain (lower-case letters, digits, '-' and '.')";
    }
}
