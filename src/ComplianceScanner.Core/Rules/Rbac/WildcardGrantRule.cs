using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-007: a subject outside the cluster layer is bound to a rule with a wildcard: <c>*</c> verb, API group or
/// resource (<c>*/sub</c> included) or <c>*</c> non-resource URL. All seven verbs get/list/watch/create/update/patch/delete
/// count as the <c>*</c> verb, so spelling the verbs out cannot lower the severity of a wildcard resource or group; on
/// named resources alone they are ordinary full control of those resources (judged against the duties by the boundary
/// rules), not a wildcard. One finding per subject and binding.
/// </summary>
public sealed class WildcardGrantRule : SubjectRuleBase
{
    private static readonly RoleAnalysisCache<RoleVerdicts> Verdicts = new(Judge);
    private const string UrlWildcard = "nonResourceURLs *";
    private const string SevenVerbs = "verbs all seven";

    /// <summary>The seven verbs that, listed together, count as a wildcard verb.</summary>
    public static ImmutableArray<string> AllSevenVerbs { get; } = ["get", "list", "watch", "create", "update", "patch", "delete"];

    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-007",
        "Wildcard grant outside the cluster layer",
        Severity.Medium,
        Layer.Cluster,
        "rbac",
        "Replace the wildcard with the verbs, API groups and resources the subject needs, by name; a wildcard also grants "
        + "verbs and resources added later (escalate, bind, impersonate, new CRDs). If the subject really operates the "
        + "cluster, declare it in the cluster layer of scanner.yaml.");

    protected override Finding? Judge(SubjectStandings standings, SubjectStanding standing, SubjectBinding binding)
    {
        if (binding.Role is not { } role)
        {
            return null;
        }

        // Everything but subject and binding depends on the role and the binding's scope alone, and thousands of
        // bindings share a role: it is computed once per role (evidence records are immutable, so findings share them).
        var verdicts = Verdicts.Get(role);
        if ((binding.IsClusterWide ? verdicts.ClusterWide : verdicts.InNamespace) is not { } verdict)
        {
            return null;
        }

        List<Evidence> evidence =
        [
            RbacEvidence.Subject(binding.Subject, standing),
            RbacEvidence.Binding(binding.Binding, standings.Context),
            verdicts.RoleEvidence,
            .. verdict.RuleEvidence,
        ];
        var message = $"{binding.Subject} ({standing.Description}) holds wildcard permissions ({verdict.Key}) {Where(binding)} through "
            + $"{Via(binding)}; only the cluster layer may hold wildcard grants.";
        var finding = Report(standings, standing, binding, message, verdict.Key, evidence);
        return verdict.Severity == Descriptor.Severity ? finding : finding with { Severity = verdict.Severity };
    }

    /// <summary>What a binding to the role is found to hold, cluster-wide and in a namespace (null: no wildcard there).</summary>
    private static RoleVerdicts Judge(ResolvedRole role)
    {
        var analysis = Analyze(role);
        Verdict? For(bool clusterWide)
        {
            if (analysis.IsEmpty)
            {
                return null;
            }

            // A RoleBinding never grants non-resource URLs, so a wildcard URL reached through one is inert.
            var hits = analysis.Hits
                .Select(h => clusterWide ? h : Without(h, UrlWildcard))
                .Where(h => !h.Dimensions.IsEmpty)
                .ToList();
            if (hits.Count == 0)
            {
                return null;
            }

            var dimensions = hits.SelectMany(h => h.Dimensions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return new Verdict(
                string.Join("; ", dimensions),
                hits.Max(h => h.Severity),
                [.. hits.Select(h => RbacEvidence.Rule(role, h.Rule, string.Join("; ", h.Dimensions)))]);
        }

        return new RoleVerdicts(RbacEvidence.Role(role), For(clusterWide: true), For(clusterWide: false));
    }

    /// <summary>The wildcard dimensions of one rule, e.g. <c>resources *</c>, <c>verbs all seven</c>; empty when it has none.</summary>
    public static ImmutableArray<string> Dimensions(PolicyRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var dims = ImmutableArray.CreateBuilder<string>();
        var isResourceRule = !rule.Resources.IsEmpty;
        if (rule.Verbs.Contains(RuleMatching.All))
        {
            dims.Add("verbs *");
        }
        else if (isResourceRule && AllSevenVerbs.All(v => rule.Verbs.Contains(v)))
        {
            dims.Add(SevenVerbs);
        }

        if (rule.ApiGroups.Contains(RuleMatching.All))
        {
            dims.Add("apiGroups *");
        }

        foreach (var r in rule.Resources)
        {
            if (r == RuleMatching.All || r.StartsWith("*/", StringComparison.Ordinal))
            {
                dims.Add($"resources {r}");
            }
        }

        if (rule.NonResourceUrls.Contains(RuleMatching.All))
        {
            dims.Add(UrlWildcard);
        }

        return dims.ToImmutable();
    }

    /// <summary>Everything on everything (<c>*</c> or all seven verbs, on <c>*</c> resources of <c>*</c> groups) is cluster-admin: critical.</summary>
    private static Severity SeverityOf(ImmutableArray<string> dims)
    {
        var allVerbs = dims.Contains("verbs *") || dims.Contains(SevenVerbs);
        if (allVerbs && dims.Contains("apiGroups *") && dims.Contains("resources *"))
        {
            return Severity.Critical;
        }

        return Severity.Medium;
    }

    private static WildcardHit Without(WildcardHit hit, string dimension)
    {
        ImmutableArray<string> dims = [.. hit.Dimensions.Where(d => d != dimension)];
        return hit with { Dimensions = dims, Severity = SeverityOf(dims) };
    }

    private static RoleHits<WildcardHit> Analyze(ResolvedRole role)
    {
        var hits = ImmutableArray.CreateBuilder<WildcardHit>();
        foreach (var rule in role.Rules)
        {
            var dims = Dimensions(rule.Rule);

            // The seven verbs on named resources are full control of those resources, not a wildcard: a team's own
            // route-editing role would otherwise be reported as one.
            if (!dims.IsEmpty && !dims.All(d => d == SevenVerbs))
            {
                hits.Add(new WildcardHit(rule, dims, SeverityOf(dims)));
            }
        }

        return new RoleHits<WildcardHit>(hits.ToImmutable());
    }

    /// <summary>The verdict on bindings of one scope to a role: the finding's key, severity and rule evidence.</summary>
    private sealed record Verdict(string Key, Severity Severity, ImmutableArray<Evidence> RuleEvidence);

    /// <summary>The role's evidence and its verdicts for cluster-wide and namespaced bindings.</summary>
    private sealed record RoleVerdicts(Evidence RoleEvidence, Verdict? ClusterWide, Verdict? InNamespace);
}
