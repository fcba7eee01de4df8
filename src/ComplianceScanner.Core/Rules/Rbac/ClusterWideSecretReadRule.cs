using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-008: a subject outside the cluster layer can read every Secret of the cluster: get, list or watch on
/// <c>secrets</c> of the core group (or <c>*</c> group, <c>*</c> resource) through a ClusterRoleBinding, by a rule without
/// resourceNames. A read verb is allowed when a duty the subject's layer holds cluster-wide describes it (S2), e.g. the
/// scanner's own service account listing Secrets under compliance-scanning. One finding per subject and binding.
/// </summary>
public sealed class ClusterWideSecretReadRule : SubjectRuleBase
{
    private static readonly RoleAnalysisCache<RoleHits<SecretReadHit>> Analyses = new(Analyze);
    private static readonly ImmutableArray<string> ReadVerbs = ["get", "list", "watch"];

    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-008",
        "Secrets readable cluster-wide outside the cluster layer",
        Severity.High,
        Layer.Cluster,
        "rbac",
        "Bind the role with RoleBindings in the namespaces whose Secrets the subject needs, or restrict the rule to the "
        + "Secrets it needs with resourceNames. If the subject's layer is meant to read Secrets everywhere, declare a duty "
        + "that describes the read in that layer of scanner.yaml.");

    protected override Finding? Judge(SubjectStandings standings, SubjectStanding standing, SubjectBinding binding)
    {
        if (!binding.IsClusterWide || binding.Role is not { } role)
        {
            return null;
        }

        var analysis = Analyses.Get(role);
        if (analysis.IsEmpty)
        {
            return null;
        }

        // S2: each read verb is allowed when at least one duty the subject may hold cluster-wide describes it.
        var duties = standings.DutiesAllowed(standing, null);
        var allowedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var verb in ReadVerbs)
        {
            var tuple = new PolicyRule { ApiGroups = [string.Empty], Resources = ["secrets"], Verbs = [verb] };
            if (SubjectStandings.Describing(duties, tuple).FirstOrDefault() is { } duty)
            {
                allowedBy[verb] = duty.Name;
            }
        }

        var hits = analysis.Hits
            .Select(h => h with { Verbs = [.. h.Verbs.Where(v => !allowedBy.ContainsKey(v))] })
            .Where(h => !h.Verbs.IsEmpty)
            .ToList();
        if (hits.Count == 0)
        {
            return null;
        }

        var verbs = PermissionText.Verbs(hits.SelectMany(h => h.Verbs));
        var key = $"secrets {verbs}";
        var evidence = new List<Evidence>
        {
            RbacEvidence.Subject(binding.Subject, standing),
            RbacEvidence.Binding(binding.Binding, standings.Context),
            RbacEvidence.Role(role),
        };
        evidence.AddRange(hits.Select(h => RbacEvidence.Rule(role, h.Rule, $"reads Secrets of any name: {PermissionText.Verbs(h.Verbs)}")));
        evidence.Add(DutiesEvidence(
            standing,
            duties,
            allowedBy.Count == 0
                ? "none describes reading Secrets"
                : $"{string.Join(", ", allowedBy.Select(p => $"{p.Key} allowed by {p.Value}"))}, not {verbs}"));
        var message = $"{binding.Subject} ({standing.Description}) can read every Secret in the cluster ({verbs}) through "
            + $"{Via(binding)}, and no duty its layer holds cluster-wide describes that.";
        return Report(standings, standing, binding, message, key, evidence);
    }

    private static RoleHits<SecretReadHit> Analyze(ResolvedRole role)
    {
        var hits = ImmutableArray.CreateBuilder<SecretReadHit>();
        foreach (var rule in role.Rules)
        {
            // resourceNames limit even list and watch to the named Secrets (a named list/watch uses a field selector):
            // such a rule never reads "every Secret".
            if (!rule.Rule.ResourceNames.IsEmpty)
            {
                continue;
            }

            var verbs = ReadVerbs
                .Where(v => RuleMatching.RuleAllows(rule.Rule, AuthorizationRequest.ForResource(v, string.Empty, "secrets")))
                .ToImmutableArray();
            if (!verbs.IsEmpty)
            {
                hits.Add(new SecretReadHit(rule, verbs));
            }
        }

        return new RoleHits<SecretReadHit>(hits.ToImmutable());
    }
}
