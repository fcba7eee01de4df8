using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Export;

/// <summary>
/// Exports the layer model as ValidatingAdmissionPolicies, so admission enforces what the scanner audits: per team one
/// policy (and binding) on Ingresses, HTTPRoutes and GRPCRoutes in the team's namespaces (hosts, IngressClasses, TLS,
/// no defaultBackend, Gateways), and one cluster-wide policy for the forbidden annotations.
/// </summary>
/// <remarks>
/// Parameters are inline, not a paramKind: each team's values are literals of its own policy, and the team's namespaces
/// are matched in the policy's <c>inTeamNamespace</c> variable (names and globs on <c>request.namespace</c>, the
/// namespaceSelector on <c>namespaceObject</c>), because binding namespaceSelectors cannot express globs. Re-export when
/// scanner.yaml changes. See docs/policy-export.md.
/// </remarks>
public static class AdmissionPolicyExporter
{
    public const string ApiVersion = "admissionregistration.k8s.io/v1";

    /// <summary>The variable every team validation is guarded by.</summary>
    public const string InTeamNamespace = "inTeamNamespace";

    private const string IsIngress = "object.kind == 'Ingress'";

    private const string NotIngress = "object.kind != 'Ingress'";

    public static PolicyExport Export(ScannerConfig config, ExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= ExportOptions.Default;
        var objects = new List<JsonObject>();
        var notes = new List<string>();
        foreach (var team in config.Teams)
        {
            var name = $"{ExportNames.Prefix}-team-{team.Name}";
            objects.Add(Policy(config, name, TeamMatch(), [new JsonObject { ["name"] = InTeamNamespace, ["expression"] = TeamNamespaceCondition(team) }], TeamValidations(config, team), team.Name));
            objects.Add(Binding(config, name, options, team.Name));
            if (team.Hosts.IsEmpty)
            {
                notes.Add($"team {team.Name} declares no hosts: its policy rejects every Ingress rule and every Route, as the scanner reports them (SOD-ING-001, SOD-GW-001).");
            }
        }

        if (!config.Ingress.ForbiddenAnnotations.IsEmpty)
        {
            var name = $"{ExportNames.Prefix}-forbidden-annotations";
            objects.Add(Policy(
                config,
                name,
                new JsonObject { ["resourceRules"] = new JsonArray(IngressRule()) },
                [],
                [Validation(
                    $"!has(object.metadata.annotations) || !object.metadata.annotations.exists(k, k.matches({CelText.Quote(CelText.GlobRegex(config.Ingress.ForbiddenAnnotations))}))",
                    $"Ingress annotations matching {string.Join(", ", config.Ingress.ForbiddenAnnotations)} are forbidden (scanner.yaml ingress.forbiddenAnnotations; SOD-ING-014).")],
                team: null));
            objects.Add(Binding(config, name, options, team: null));
        }

        return new PolicyExport([.. objects], [.. notes]);
    }

    /// <summary>
    /// The <c>inTeamNamespace</c> expression: the request's namespace is one of the team's names or globs, or its labels
    /// match the team's namespaceSelector.
    /// </summary>
    public static string TeamNamespaceCondition(TeamDefinition team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var terms = new List<string>();
        if (!team.Namespaces.IsEmpty)
        {
            terms.Add($"request.namespace.matches({CelText.Quote(CelText.GlobRegex(team.Namespaces))})");
        }

        if (team.NamespaceSelector is { } selector)
        {
            terms.Add("(" + CelText.Selector(selector, "namespaceObject.metadata", "namespaceObject.metadata.labels") + ")");
        }

        return terms.Count == 0 ? "false" : string.Join(" || ", terms);
    }

    /// <summary>The validations of a team's policy: (name, expression, message), each true when the object is allowed.</summary>
    public static ImmutableArray<(string Name, string Expression, string Message)> TeamChecks(ScannerConfig config, TeamDefinition team)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(team);
        var guard = $"!variables.{InTeamNamespace}";
        var hosts = CelText.Quote(CelText.HostRegex(team.Hosts));
        var hostList = team.Hosts.IsEmpty ? "no host" : string.Join(", ", team.Hosts);
        var checks = new List<(string, string, string)>
        {
            (
                "ingress-hosts",
                $"{guard} || {NotIngress} || !has(object.spec.rules) || object.spec.rules.all(r, has(r.host) && r.host.matches({hosts}))",
                $"team {team.Name} may publish only {hostList}: every spec.rules[].host must be one of them, and no rule may leave the host empty (SOD-ING-001, SOD-ING-003)."),
            (
                "route-hostnames",
                $"{guard} || {IsIngress} || (has(object.spec.hostnames) && size(object.spec.hostnames) > 0 && object.spec.hostnames.all(h, h.matches({hosts})))",
                $"team {team.Name} may publish only {hostList}: a Route must list its spec.hostnames, each one of them (SOD-GW-001)."),
        };

        var backendAllowed = config.Ingress.DefaultBackendAllowedNamespaces;
        checks.Add((
            "ingress-default-backend",
            $"{guard} || {NotIngress} || !has(object.spec.defaultBackend)"
                + (backendAllowed.IsEmpty ? string.Empty : $" || request.namespace.matches({CelText.Quote(CelText.GlobRegex(backendAllowed))})"),
            $"team {team.Name} may not set spec.defaultBackend: it catches every host the controller serves (SOD-ING-013)."));

        if (!team.IngressClasses.IsEmpty)
        {
            var classes = CelText.List(team.IngressClasses);
            checks.Add((
                "ingress-classes",
                $"{guard} || {NotIngress} || (has(object.spec.ingressClassName) ? object.spec.ingressClassName in {classes} : "
                    + $"(has(object.metadata.annotations) && 'kubernetes.io/ingress.class' in object.metadata.annotations && object.metadata.annotations['kubernetes.io/ingress.class'] in {classes}))",
                $"team {team.Name} may use only the IngressClasses {string.Join(", ", team.IngressClasses)}, named in spec.ingressClassName (SOD-ING-004)."));
        }

        if (team.RequireTls)
        {
            checks.Add((
                "ingress-tls",
                $"{guard} || {NotIngress} || (has(object.spec.tls) && size(object.spec.tls) > 0)",
                $"team {team.Name} must terminate TLS: the Ingress needs a spec.tls entry (SOD-ING-007)."));
        }

        if (!team.Gateways.IsEmpty)
        {
            checks.Add((
                "route-gateways",
                $"{guard} || {IsIngress} || !has(object.spec.parentRefs) || object.spec.parentRefs.all(p, (has(p.kind) && p.kind != 'Gateway') || "
                    + $"((has(p.namespace) ? p.namespace : request.namespace) + '/' + p.name).matches({CelText.Quote(CelText.GlobRegex(team.Gateways))}))",
                $"team {team.Name} may attach Routes only to the Gateways {string.Join(", ", team.Gateways)} (SOD-GW-007)."));
        }

        return [.. checks];
    }

    private static JsonObject TeamMatch() => new()
    {
        ["resourceRules"] = new JsonArray(
            IngressRule(),
            new JsonObject
            {
                ["apiGroups"] = ExportNames.Strings([GatewayApi.Group]),
                ["apiVersions"] = ExportNames.Strings(["*"]),
                ["operations"] = ExportNames.Strings(["CREATE", "UPDATE"]),
                ["resources"] = ExportNames.Strings(["httproutes", "grpcroutes"]),
            }),
    };

    private static JsonObject IngressRule() => new()
    {
        ["apiGroups"] = ExportNames.Strings(["networking.k8s.io"]),
        ["apiVersions"] = ExportNames.Strings(["*"]),
        ["operations"] = ExportNames.Strings(["CREATE", "UPDATE"]),
        ["resources"] = ExportNames.Strings(["ingresses"]),
    };

    private static IEnumerable<JsonObject> TeamValidations(ScannerConfig config, TeamDefinition team) =>
        TeamChecks(config, team).Select(c => Validation(c.Expression, c.Message));

    private static JsonObject Validation(string expression, string message) => new()
    {
        ["expression"] = expression,
        ["message"] = message,
        ["reason"] = "Forbidden",
    };

    private static JsonObject Policy(ScannerConfig config, string name, JsonObject match, IEnumerable<JsonObject> variables, IEnumerable<JsonObject> validations, string? team)
    {
        var spec = new JsonObject
        {
            ["failurePolicy"] = "Fail",
            ["matchConstraints"] = match,
        };
        var vars = variables.ToList();
        if (vars.Count > 0)
        {
            spec["variables"] = new JsonArray([.. vars]);
        }

        spec["validations"] = new JsonArray([.. validations]);
        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "ValidatingAdmissionPolicy",
            ["metadata"] = team is null ? ExportNames.Metadata(config, name) : ExportNames.Metadata(config, name, null, (ExportNames.TeamAnnotation, team)),
            ["spec"] = spec,
        };
    }

    private static JsonObject Binding(ScannerConfig config, string name, ExportOptions options, string? team) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "ValidatingAdmissionPolicyBinding",
        ["metadata"] = team is null ? ExportNames.Metadata(config, name) : ExportNames.Metadata(config, name, null, (ExportNames.TeamAnnotation, team)),
        ["spec"] = new JsonObject
        {
            ["policyName"] = name,
            ["validationActions"] = ExportNames.Strings(options.ValidationActions),
        },
    };
}
