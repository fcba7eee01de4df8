using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// Whether one PolicyRule allows one request: a line-by-line port of <c>RuleAllows</c> (plugin/pkg/auth/authorizer/rbac/rbac.go)
/// and the matchers of <c>pkg/apis/rbac/v1/evaluation_helpers.go</c>. All comparisons are exact and case-sensitive.
/// </summary>
public static class RuleMatching
{
    public const string All = "*";

    /// <summary>The rule allows the request: verb, group, resource (with subresource) and name match, or verb and path.</summary>
    public static bool RuleAllows(PolicyRule rule, AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(request);
        if (request.IsResourceRequest)
        {
            return VerbMatches(rule, request.Verb)
                && ApiGroupMatches(rule, request.ApiGroup)
                && ResourceMatches(rule, request.CombinedResource, request.Subresource)
                && ResourceNameMatches(rule, request.Name);
        }

        return VerbMatches(rule, request.Verb) && NonResourceUrlMatches(rule, request.Path);
    }

    /// <summary>Any rule allows the request (<c>RulesAllow</c>).</summary>
    public static bool RulesAllow(IEnumerable<PolicyRule> rules, AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Any(r => RuleAllows(r, request));
    }

    /// <summary><c>*</c> or the exact verb.</summary>
    public static bool VerbMatches(PolicyRule rule, string verb)
    {
        ArgumentNullException.ThrowIfNull(rule);
        foreach (var v in rule.Verbs)
        {
            if (v == All || v == verb)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>*</c> or the exact group: groups are literal, so <c>extensions</c> is not <c>networking.k8s.io</c>.</summary>
    public static bool ApiGroupMatches(PolicyRule rule, string group)
    {
        ArgumentNullException.ThrowIfNull(rule);
        foreach (var g in rule.ApiGroups)
        {
            if (g == All || g == group)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>*</c> (everything, subresources included), the exact combined resource (<c>pods</c> does not match
    /// <c>pods/status</c>), or <c>*/sub</c> for any resource's subresource <c>sub</c>. <c>pods/*</c> has no special meaning:
    /// it only matches a request whose combined resource is literally <c>pods/*</c>, exactly as in Kubernetes.
    /// </summary>
    public static bool ResourceMatches(PolicyRule rule, string combinedResource, string subresource)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(subresource);
        foreach (var r in rule.Resources)
        {
            if (r == All || r == combinedResource)
            {
                return true;
            }

            if (subresource.Length == 0)
            {
                continue;
            }

            if (r.Length == subresource.Length + 2
                && r.StartsWith("*/", StringComparison.Ordinal)
                && r.EndsWith(subresource, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A rule without resourceNames matches any name; with resourceNames only those names, so never a nameless request.</summary>
    public static bool ResourceNameMatches(PolicyRule rule, string name)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.ResourceNames.IsEmpty)
        {
            return true;
        }

        foreach (var n in rule.ResourceNames)
        {
            if (n == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>*</c>, the exact path, or a prefix when the rule's URL ends in <c>*</c> (<c>/healthz/*</c> matches <c>/healthz/etcd</c>).</summary>
    public static bool NonResourceUrlMatches(PolicyRule rule, string path)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(path);
        foreach (var u in rule.NonResourceUrls)
        {
            if (u == All || u == path)
            {
                return true;
            }

            if (u.EndsWith('*') && path.StartsWith(u.TrimEnd('*'), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
