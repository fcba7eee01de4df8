using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-011: a subject can create, change or delete what the API server enforces — validating and mutating webhook
/// configurations, ValidatingAdmissionPolicies and their bindings — and no duty its layer holds describes that
/// (normally only the security layer's admission-policy-management does). These resources are cluster-scoped, so only
/// ClusterRoleBindings grant them. A rule limited to resourceNames still counts: it can switch those webhooks off.
/// One finding per subject and binding.
/// </summary>
public sealed class AdmissionControlTamperingRule : SubjectRuleBase
{
    private static readonly RoleAnalysisCache<RoleHits<PermissionHit>> Analyses = new(Analyze);
    public const string AdmissionGroup = "admissionregistration.k8s.io";

    /// <summary>The admission-control resources.</summary>
    public static ImmutableArray<string> Resources { get; } =
        ["validatingwebhookconfigurations", "mutatingwebhookconfigurations", "validatingadmissionpolicies", "validatingadmissionpolicybindings"];

    /// <summary>The verbs that change them.</summary>
    public static ImmutableArray<string> WriteVerbs { get; } = ["create", "update", "patch", "delete", "deletecollection"];

    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-011",
        "Admission control can be changed outside the security layer",
        Severity.High,
        Layer.Security,
        "rbac",
        "Remove create/update/patch/delete on webhook configurations and admission policies from the role; if a component "
        + "must patch its own webhook (a caBundle), restrict the rule to that webhook with resourceNames and declare the "
        + "component, or give its layer a duty describing it in scanner.yaml.");

    // Every layer is judged: the cluster layer may not change admission control either, unless one of its duties says so.
    protected override bool Exempt(SubjectStanding standing) => false;

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

        // S2, per permission: allowed when a duty the subject may hold cluster-wide describes it.
        var duties = standings.DutiesAllowed(standing, null);
        bool Allowed(SensitivePermission p) => SubjectStandings.Describing(
            duties,
            new PolicyRule { ApiGroups = [p.ApiGroup], Resources = [p.Resource], Verbs = [p.Verb] }).Any();

        var hits = analysis.Hits
            .Select(h => h with { Permissions = [.. h.Permissions.Where(p => !Allowed(p))] })
            .Where(h => !h.Permissions.IsEmpty)
            .ToList();
        if (hits.Count == 0)
        {
            return null;
        }

        var key = PermissionText.ByResource(hits.SelectMany(h => h.Permissions).Select(p => (p.Resource, p.Verb)));
        var evidence = PermissionHit.Chain(standings, standing, binding, role, hits);
        evidence.Add(DutiesEvidence(standing, duties, "none describes these writes"));
        var message = $"{binding.Subject} ({standing.Description}) can change admission control ({key}) through {Via(binding)}: "
            + "it can switch off or rewrite the checks the API server enforces, and no duty of its layer describes that.";
        return Report(standings, standing, binding, message, key, evidence);
    }

    private static RoleHits<PermissionHit> Analyze(ResolvedRole role)
    {
        var hits = ImmutableArray.CreateBuilder<PermissionHit>();
        foreach (var rule in role.Rules)
        {
            var anyName = rule.Rule.ResourceNames.IsEmpty ? rule.Rule : rule.Rule with { ResourceNames = [] };
            var permissions = ImmutableArray.CreateBuilder<SensitivePermission>();
            foreach (var resource in Resources)
            {
                foreach (var verb in WriteVerbs)
                {
                    if (RuleMatching.RuleAllows(anyName, AuthorizationRequest.ForResource(verb, AdmissionGroup, resource)))
                    {
                        permissions.Add(new SensitivePermission(AdmissionGroup, resource, verb, ClusterScoped: true));
                    }
                }
            }

            if (permissions.Count > 0)
            {
                hits.Add(new PermissionHit(rule, permissions.ToImmutable()));
            }
        }

        return new RoleHits<PermissionHit>(hits.ToImmutable());
    }
}
