using System.Collections.Immutable;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-014: aggregation-label injection. A ClusterRole that is not built-in carries a label that a built-in
/// aggregated ClusterRole (admin, edit, view, or any other built-in role with an aggregationRule) selects, and so adds its
/// rules to every present and future binding of that role, without anybody editing a binding. Reported when what it
/// adds is more than get/list/watch on ordinary resources: any other verb, Secret reads, or reads that pass through to
/// containers or endpoints (exec, attach, port-forward, proxy). Read-only rules for custom resources in view are the
/// intended use and are not reported. One finding per injecting ClusterRole; linear in the aggregated rules.
/// </summary>
public sealed class AggregationInjectionRule : IRule
{
    private static readonly ImmutableArray<string> ReadVerbs = ["get", "list", "watch"];

    private static readonly ImmutableArray<(string Resource, string Subresource)> PassThrough =
    [
        ("pods", "exec"), ("pods", "attach"), ("pods", "portforward"), ("pods", "proxy"), ("services", "proxy"), ("nodes", "proxy"),
    ];

    public RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-014",
        "Aggregation-label injection into a built-in role",
        Severity.High,
        Layer.Cluster,
        "rbac",
        "Remove the rbac.authorization.k8s.io/aggregate-to-* label from the ClusterRole and bind it explicitly where it is "
        + "needed; only read-only rules for custom resources belong in the built-in aggregated roles.")
    {
        // Not a subject rule: re-evaluation after a binding change re-runs it in full.
        Inputs = RuleInputs.Rbac,
    };

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!RbacInputs.Complete(context))
        {
            return [];
        }

        var index = context.Permissions;
        var builtinAggregates = index.Aggregation.Roles.Where(a => BuiltinRecognition.IsBuiltinObject(a.Role)).ToList();

        // Which built-in aggregated roles select each built-in aggregated role (edit is selected by admin): a rule
        // injected into edit also reaches admin.
        var parents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var agg in builtinAggregates)
        {
            foreach (var name in agg.SelectedRoles)
            {
                if (!parents.TryGetValue(name, out var list))
                {
                    parents[name] = list = [];
                }

                list.Add(agg.Name);
            }
        }

        var injections = new SortedDictionary<string, Injection>(StringComparer.Ordinal);
        foreach (var agg in builtinAggregates)
        {
            foreach (var name in agg.SelectedRoles)
            {
                if (index.FindClusterRole(name) is not { } selected || BuiltinRecognition.IsBuiltinObject(selected.Role))
                {
                    continue;
                }

                // The role's own contribution, judged on its own rules (an aggregated custom role: everything it pulls
                // in), even where a built-in source happens to carry the same rule today.
                var rules = selected.Rules.Select(r => (Rule: r, Reasons: Reasons(r.Rule))).Where(r => !r.Reasons.IsEmpty).ToList();
                if (rules.Count == 0)
                {
                    continue;
                }

                if (!injections.TryGetValue(name, out var injection))
                {
                    injection = new Injection(selected.Role);
                    injections[name] = injection;
                    foreach (var (rule, reasons) in rules)
                    {
                        injection.Rules.Add(rule);
                        injection.Reasons.UnionWith(reasons);
                        injection.RuleReasons.Add(reasons);
                    }
                }

                injection.Selectors.Add(agg.Name);
                injection.Holders.UnionWith(Ancestors(agg.Name, parents));
            }
        }

        return injections.Values.Select(Report);
    }

    /// <summary>The role and every built-in aggregated role that selects it, directly or through others.</summary>
    private static HashSet<string> Ancestors(string name, Dictionary<string, List<string>> parents)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { name };
        var queue = new Queue<string>([name]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var parent in parents.GetValueOrDefault(current) ?? [])
            {
                if (seen.Add(parent))
                {
                    queue.Enqueue(parent);
                }
            }
        }

        return seen;
    }

    /// <summary>Why a rule is more than read-only on ordinary resources; empty when it is not.</summary>
    public static ImmutableArray<string> Reasons(PolicyRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var reasons = ImmutableArray.CreateBuilder<string>();
        var extra = rule.Verbs.Where(v => !ReadVerbs.Contains(v, StringComparer.Ordinal)).ToList();
        if (extra.Count > 0)
        {
            reasons.Add($"verbs {PermissionText.Verbs(extra)}");
        }

        var anyName = rule.ResourceNames.IsEmpty ? rule : rule with { ResourceNames = [] };
        if (ReadVerbs.Any(v => RuleMatching.RuleAllows(anyName, AuthorizationRequest.ForResource(v, string.Empty, "secrets"))))
        {
            reasons.Add("secret reads");
        }

        if (PassThrough.Any(p => RuleMatching.RuleAllows(anyName, AuthorizationRequest.ForResource("get", string.Empty, p.Resource, subresource: p.Subresource))))
        {
            reasons.Add("exec or proxy");
        }

        return reasons.ToImmutable();
    }

    private Finding Report(Injection injection)
    {
        var role = injection.Role;
        var selectors = string.Join(", ", injection.Selectors);
        var holders = string.Join(", ", injection.Holders);
        var reasons = string.Join("; ", injection.Reasons);
        var labels = role.Metadata.Labels.Where(l => l.Key.Contains("aggregate", StringComparison.OrdinalIgnoreCase)).Select(l => $"{l.Key}={l.Value}").ToList();
        var evidence = new List<Evidence>
        {
            new("role", role.Reference.ToString(), labels.Count == 0 ? "not built-in" : $"not built-in; labels {string.Join(", ", labels)}"),
            new("boundary", $"selected by built-in {selectors}", $"its rules reach every binding of {holders}"),
        };
        for (var i = 0; i < injection.Rules.Count; i++)
        {
            var rule = injection.Rules[i];
            var origin = ReferenceEquals(rule.Origin, role) ? string.Empty : $" (from {rule.OriginDescription})";
            evidence.Add(new Evidence("rule", $"rules[{rule.Index}]", $"{rule.Rule}{origin}: {string.Join("; ", injection.RuleReasons[i])}"));
        }

        return Descriptor.Finding(
            role,
            $"ClusterRole {role.Metadata.Name} is aggregated into the built-in {holders} role(s) (selected by {selectors}) and "
            + $"adds {reasons}: every subject bound to {holders} gains it, without any binding changing.",
            selectors,
            evidence);
    }
}
