using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// Computes aggregated ClusterRoles from manifests, as <c>pkg/controller/clusterroleaggregation</c> does in a cluster:
/// for each of a role's <c>clusterRoleSelectors</c> in order, the ClusterRoles it selects (matchLabels and
/// matchExpressions; the role itself excluded) sorted by name, their rules appended unless an equal rule is already
/// present. Aggregated sources contribute their own computed rules, so aggregation is transitive; the computation is
/// repeated until nothing changes, which also settles cycles.
/// </summary>
/// <remarks>
/// The rules an aggregated role carries are not used as input, because the controller overwrites them; they are only
/// compared with the result (<see cref="AggregatedClusterRole.DeclaredState"/>). Duplicate names keep the first role.
/// </remarks>
public static class ClusterRoleAggregator
{
    public static ClusterRoleAggregation Aggregate(IEnumerable<RbacRole> clusterRoles)
    {
        ArgumentNullException.ThrowIfNull(clusterRoles);
        var byName = new Dictionary<string, RbacRole>(StringComparer.Ordinal);
        foreach (var role in clusterRoles)
        {
            if (role.IsClusterRole)
            {
                byName.TryAdd(role.Metadata.Name, role);
            }
        }

        var sorted = byName.Values.OrderBy(r => r.Metadata.Name, StringComparer.Ordinal).ToList();
        var aggregated = sorted.Where(r => r.IsAggregated).ToList();
        if (aggregated.Count == 0)
        {
            return ClusterRoleAggregation.Empty;
        }

        // Selection depends only on labels, so it is computed once: per aggregated role, per selector, the selected roles by name.
        var selections = aggregated.ToDictionary(
            r => r.Metadata.Name,
            r => r.AggregationSelectors
                .Select(sel => sorted.Where(s => s.Metadata.Name != r.Metadata.Name && sel.Matches(s.Metadata.Labels)).ToList())
                .ToList(),
            StringComparer.Ordinal);
        var declared = sorted.Where(r => !r.IsAggregated).ToDictionary(r => r.Metadata.Name, ResolvedRule.Declared, StringComparer.Ordinal);
        var current = aggregated.ToDictionary(r => r.Metadata.Name, _ => ImmutableArray<ResolvedRule>.Empty, StringComparer.Ordinal);

        // Rule sets only grow, so they settle; in a DAG the order settles once depth rounds have run. The bound guards cycles
        // whose order could alternate.
        var converged = false;
        for (var round = 0; round <= aggregated.Count + 1 && !converged; round++)
        {
            converged = true;
            foreach (var role in aggregated)
            {
                var next = Compute(selections[role.Metadata.Name], declared, current);
                if (!next.Select(r => r.Rule).SequenceEqual(current[role.Metadata.Name].Select(r => r.Rule)))
                {
                    converged = false;
                }

                current[role.Metadata.Name] = next;
            }
        }

        // Through a cycle, the first source of a rule may have it back from the role itself; such provenance is replaced
        // by the nearest declaring role.
        var ruleSets = current.ToDictionary(kv => kv.Key, kv => kv.Value.Select(r => r.Rule).ToHashSet(), StringComparer.Ordinal);
        foreach (var role in aggregated)
        {
            var name = role.Metadata.Name;
            var rules = current[name];
            if (rules.Any(r => !IsSimple(name, r)))
            {
                current[name] = [.. rules.Select(r => IsSimple(name, r) ? r : Nearest(role, r, selections, declared, ruleSets))];
            }
        }

        var results = aggregated
            .Select(role =>
            {
                var computed = current[role.Metadata.Name];
                var selected = selections[role.Metadata.Name].SelectMany(s => s).Select(s => s.Metadata.Name).Distinct(StringComparer.Ordinal);
                return Describe(role, computed, [.. selected]);
            })
            .ToImmutableArray();
        return new ClusterRoleAggregation(results, converged);
    }

    private static ImmutableArray<ResolvedRule> Compute(
        List<List<RbacRole>> selection,
        Dictionary<string, ImmutableArray<ResolvedRule>> declared,
        Dictionary<string, ImmutableArray<ResolvedRule>> current)
    {
        var seen = new HashSet<PolicyRule>();
        var result = ImmutableArray.CreateBuilder<ResolvedRule>();
        foreach (var selected in selection)
        {
            foreach (var source in selected)
            {
                var name = source.Metadata.Name;
                var isAggregated = current.TryGetValue(name, out var sourceRules);
                if (!isAggregated)
                {
                    sourceRules = declared[name];
                }

                foreach (var r in sourceRules)
                {
                    if (seen.Add(r.Rule))
                    {
                        var via = isAggregated ? r.Via.Insert(0, name) : r.Via;
                        result.Add(r with { Index = result.Count, Via = via });
                    }
                }
            }
        }

        return result.ToImmutable();
    }

    private static bool IsSimple(string roleName, ResolvedRule rule) =>
        !rule.Via.Contains(roleName, StringComparer.Ordinal) && rule.Via.Distinct(StringComparer.Ordinal).Count() == rule.Via.Length;

    /// <summary>Breadth-first over the selection graph from <paramref name="role"/>: the nearest role declaring the rule.</summary>
    private static ResolvedRule Nearest(
        RbacRole role,
        ResolvedRule rule,
        Dictionary<string, List<List<RbacRole>>> selections,
        Dictionary<string, ImmutableArray<ResolvedRule>> declared,
        Dictionary<string, HashSet<PolicyRule>> ruleSets)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { role.Metadata.Name };
        var queue = new Queue<(string Name, ImmutableArray<string> Via)>();
        queue.Enqueue((role.Metadata.Name, []));
        while (queue.Count > 0)
        {
            var (name, via) = queue.Dequeue();
            foreach (var source in selections[name].SelectMany(s => s))
            {
                var sourceName = source.Metadata.Name;
                if (declared.TryGetValue(sourceName, out var own))
                {
                    if (own.FirstOrDefault(r => r.Rule.Equals(rule.Rule)) is { } origin)
                    {
                        return rule with { Origin = origin.Origin, OriginRuleIndex = origin.OriginRuleIndex, Via = via };
                    }
                }
                else if (ruleSets[sourceName].Contains(rule.Rule) && visited.Add(sourceName))
                {
                    queue.Enqueue((sourceName, via.Add(sourceName)));
                }
            }
        }

        return rule;
    }

    private static AggregatedClusterRole Describe(RbacRole role, ImmutableArray<ResolvedRule> computed, ImmutableArray<string> selected)
    {
        var computedRules = computed.Select(r => r.Rule).ToList();
        var declaredRules = role.Rules;
        var computedSet = computedRules.ToHashSet();
        var declaredSet = declaredRules.ToHashSet();
        var missing = computedRules.Where(r => !declaredSet.Contains(r)).ToImmutableArray();
        var extra = declaredRules.Where(r => !computedSet.Contains(r)).ToImmutableArray();
        DeclaredRulesState state;
        if (declaredRules.SequenceEqual(computedRules))
        {
            state = DeclaredRulesState.Identical;
        }
        else if (declaredRules.IsEmpty)
        {
            state = DeclaredRulesState.NotFilled;
        }
        else
        {
            state = missing.IsEmpty && extra.IsEmpty ? DeclaredRulesState.SameRulesDifferentOrder : DeclaredRulesState.Different;
        }

        return new AggregatedClusterRole(role, computed, selected, state, missing, extra);
    }
}
