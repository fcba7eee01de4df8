using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// Whether held rules cover a described permission: a port of Kubernetes' escalation check
/// (<c>k8s.io/component-helpers/auth/rbac/validation/policy_comparator.go</c>: <c>Covers</c>, <c>BreakdownRule</c>,
/// <c>ruleCovers</c>). A described rule is broken into atomic tuples (one verb, group, resource and resource name, or one
/// verb and URL); a tuple is covered when one held rule covers it. Wildcards in a held rule cover anything; a <c>*</c>
/// in a tuple is only covered by a <c>*</c>. A held rule restricted to resourceNames never covers a nameless tuple.
/// </summary>
public static class RuleCoverage
{
    /// <summary>
    /// The atomic tuples of a rule (<c>BreakdownRule</c>): group x resource x verb (x resourceName), then URL x verb.
    /// </summary>
    public static ImmutableArray<PolicyRule> Breakdown(PolicyRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var result = ImmutableArray.CreateBuilder<PolicyRule>();
        foreach (var group in rule.ApiGroups)
        {
            foreach (var resource in rule.Resources)
            {
                foreach (var verb in rule.Verbs)
                {
                    if (!rule.ResourceNames.IsEmpty)
                    {
                        foreach (var name in rule.ResourceNames)
                        {
                            result.Add(new PolicyRule { ApiGroups = [group], Resources = [resource], Verbs = [verb], ResourceNames = [name] });
                        }
                    }
                    else
                    {
                        result.Add(new PolicyRule { ApiGroups = [group], Resources = [resource], Verbs = [verb] });
                    }
                }
            }
        }

        foreach (var url in rule.NonResourceUrls)
        {
            foreach (var verb in rule.Verbs)
            {
                result.Add(new PolicyRule { NonResourceUrls = [url], Verbs = [verb] });
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// True when <paramref name="owned"/> covers every tuple of every rule in <paramref name="described"/>;
    /// <paramref name="uncovered"/> lists the tuples it does not cover.
    /// </summary>
    public static bool Covers(IEnumerable<PolicyRule> owned, IEnumerable<PolicyRule> described, out ImmutableArray<PolicyRule> uncovered)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ArgumentNullException.ThrowIfNull(described);
        var owners = owned.ToList();
        var missing = ImmutableArray.CreateBuilder<PolicyRule>();
        foreach (var tuple in described.SelectMany(r => Breakdown(r)))
        {
            if (!owners.Any(o => RuleCovers(o, tuple)))
            {
                missing.Add(tuple);
            }
        }

        uncovered = missing.ToImmutable();
        return uncovered.IsEmpty;
    }

    /// <summary>
    /// <c>ruleCovers</c>: the owned rule covers the (atomic or not) rule: every verb, group, resource, URL and resource name
    /// of <paramref name="subRule"/> is held by <paramref name="ownerRule"/>.
    /// </summary>
    public static bool RuleCovers(PolicyRule ownerRule, PolicyRule subRule)
    {
        ArgumentNullException.ThrowIfNull(ownerRule);
        ArgumentNullException.ThrowIfNull(subRule);
        var verbMatches = Has(ownerRule.Verbs, RuleMatching.All) || HasAll(ownerRule.Verbs, subRule.Verbs);
        var groupMatches = Has(ownerRule.ApiGroups, RuleMatching.All) || HasAll(ownerRule.ApiGroups, subRule.ApiGroups);
        var resourceMatches = ResourceCoversAll(ownerRule.Resources, subRule.Resources);
        var urlMatches = NonResourceUrlsCoverAll(ownerRule.NonResourceUrls, subRule.NonResourceUrls);
        var nameMatches = subRule.ResourceNames.IsEmpty
            ? ownerRule.ResourceNames.IsEmpty
            : ownerRule.ResourceNames.IsEmpty || HasAll(ownerRule.ResourceNames, subRule.ResourceNames);
        return verbMatches && groupMatches && resourceMatches && nameMatches && urlMatches;
    }

    private static bool Has(ImmutableArray<string> set, string item)
    {
        foreach (var s in set)
        {
            if (s == item)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAll(ImmutableArray<string> set, ImmutableArray<string> items)
    {
        foreach (var item in items)
        {
            if (!Has(set, item))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ResourceCoversAll(ImmutableArray<string> set, ImmutableArray<string> covers)
    {
        if (Has(set, RuleMatching.All) || HasAll(set, covers))
        {
            return true;
        }

        foreach (var path in covers)
        {
            if (Has(set, path))
            {
                continue;
            }

            var slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !Has(set, "*/" + path[(slash + 1)..]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NonResourceUrlsCoverAll(ImmutableArray<string> set, ImmutableArray<string> covers)
    {
        foreach (var path in covers)
        {
            var covered = false;
            foreach (var owner in set)
            {
                if (owner == path || (owner.EndsWith('*') && path.StartsWith(owner.TrimEnd('*'), StringComparison.Ordinal)))
                {
                    covered = true;
                    break;
                }
            }

            if (!covered)
            {
                return false;
            }
        }

        return true;
    }
}
