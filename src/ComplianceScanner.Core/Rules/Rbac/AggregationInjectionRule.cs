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
        + "needed; only read-only rules for custom resources belong in the built-in aggregated roles.");

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!RbacInputs.Complete(context))
        {
            return [];
        }

        var index = context.Permissions;

        // injector name -> (built-in roles selecting it directly, built-in roles holding its rules, rules beyond read)
        var injections = new SortedDictionary<string, Injection>(StringComparer.Ordinal);
        foreach (var agg in index.Aggregation.Roles)
        {
            if (!BuiltinRecognition.IsBuiltinObject(agg.Role))
            {
                continue;
            }

            foreach (var rule in agg.ComputedRules)
            {
                // The chain from the aggregate to the rule's origin: agg -> Via[0] -> ... -> Origin. The injector is the
                // first role on it that is not built-in; the role before it selected it.
                var chain = rule.Via.Select(n => index.FindClusterRole(n)?.Role).Append(rule.Origin).ToList();
                var selector = agg.Name;
                RbacRole? injector = null;
                foreach (var step in chain)
                {
                    if (step is null)
                    {
                        break;
                    }

                    if (!BuiltinRecognition.IsBuiltinObject(step))
                    {
                        injector = step;
                        break;
                    }

                    selector = step.Metadata.Name;
                }

                if (injector is null)
                {
                    continue;
                }

                var reasons = Reasons(rule.Rule);
                if (reasons.IsEmpty)
                {
                    continue;
                }

                if (!injections.TryGetValue(injector.Metadata.Name, out var injection))
                {
                    injection = new Injection(injector);
                    injections[injector.Metadata.Name] = injection;
                }

                injection.Selectors.Add(selector);
                injection.Holders.Add(agg.Name);
                if (injection.Rules.TryAdd((rule.Origin.Metadata.Name, rule.OriginRuleIndex), (rule, reasons)))
                {
                    injection.Reasons.UnionWith(reasons);
                }
            }
        }

        return injections.Values.Select(Report);
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
        evidence.AddRange(injection.Rules.Values.Select(r => new Evidence(
            "rule",
            $"{r.Rule.Origin.Kind}/{r.Rule.Origin.Metadata.Name} rules[{r.Rule.OriginRuleIndex}]",
            $"{r.Rule.Rule}: {string.Join("; ", r.Reasons)}")));
        return Descriptor.Finding(
            role,
            $"ClusterRole {role.Metadata.Name} is aggregated into the built-in {holders} role(s) (selected by {selectors}) and "
            + $"adds {reasons}: every subject bound to {holders} gains it, without any binding changing.",
            selectors,
            evidence);
    }
}
