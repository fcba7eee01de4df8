using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-007: a subject outside the cluster layer is bound to a rule with a wildcard: <c>*</c> verb, API group or
/// resource (<c>*/sub</c> included), <c>*</c> non-resource URL, or all seven verbs get/list/watch/create/update/patch/delete
/// (an explicit list that stands for <c>*</c>). One finding per subject and binding.
/// </summary>
public sealed class WildcardGrantRule : SubjectRuleBase
{
    private static readonly RoleAnalysisCache<RoleHits<WildcardHit>> Analyses = new(Analyze);
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

        var analysis = Analyses.Get(role);
        if (analysis.IsEmpty)
        {
            return null;
        }

        // A RoleBinding never grants non-resource URLs, so a wildcard URL reached through one is inert.
        var hits = analysis.Hits
            .Select(h => binding.IsClusterWide ? h : Without(h, UrlWildcard))
            .Where(h => !h.Dimensions.IsEmpty)
            .ToList();
        if (hits.Count == 0)
        {
            return null;
        }

        var dimensions = hits.SelectMany(h => h.Dimensions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var key = string.Join("; ", dimensions);
        var severity = hits.Max(h => h.Severity);
        var evidence = new List<Evidence>
        {
            RbacEvidence.Subject(binding.Subject, standing),
            RbacEvidence.Binding(binding.Binding, standings.Context),
            RbacEvidence.Role(role),
        };
        evidence.AddRange(hits.Select(h => RbacEvidence.Rule(role, h.Rule, string.Join("; ", h.Dimensions))));
        var message = $"{binding.Subject} ({standing.Description}) holds wildcard permissions ({key}) {Where(binding)} through "
            + $"{Via(binding)}; only the cluster layer may hold wildcard grants.";
        var finding = Report(standings, standing, binding, message, key, evidence);
        return severity == Descriptor.Severity ? finding : finding with { Severity = severity };
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

    /// <summary>
    /// Everything on everything (<c>*</c> or all seven verbs, on <c>*</c> resources of <c>*</c> groups) is cluster-admin:
    /// critical. Only the seven verbs, on named resources, is explicit full control of those resources: low.
    /// </summary>
    private static Severity SeverityOf(ImmutableArray<string> dims)
    {
        var allVerbs = dims.Contains("verbs *") || dims.Contains(SevenVerbs);
        if (allVerbs && dims.Contains("apiGroups *") && dims.Contains("resources *"))
        {
            return Severity.Critical;
        }

        return dims.All(d => d == SevenVerbs) ? Severity.Low : Severity.Medium;
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
            if (!dims.IsEmpty)
            {
                hits.Add(new WildcardHit(rule, dims, SeverityOf(dims)));
            }
        }

        return new RoleHits<WildcardHit>(hits.ToImmutable());
    }
}
