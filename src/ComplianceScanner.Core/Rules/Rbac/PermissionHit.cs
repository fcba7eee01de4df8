using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// A rule of a role that allows sensitive permissions (SOD-RBAC-011, SOD-RBAC-016): which ones, as (API group,
/// resource or resource/subresource, verb), and whether they apply to cluster-scoped resources only.
/// </summary>
internal sealed record PermissionHit(ResolvedRule Rule, ImmutableArray<SensitivePermission> Permissions)
{
    /// <summary>The evidence chain subject -> binding -> role -> each rule with the sensitive permissions it allows.</summary>
    public static List<Evidence> Chain(SubjectStandings standings, SubjectStanding standing, SubjectBinding binding, ResolvedRole role, IEnumerable<PermissionHit> hits)
    {
        var evidence = new List<Evidence>
        {
            RbacEvidence.Subject(binding.Subject, standing),
            RbacEvidence.Binding(binding.Binding, standings.Context),
            RbacEvidence.Role(role),
        };
        evidence.AddRange(hits.Select(h => RbacEvidence.Rule(
            role,
            h.Rule,
            PermissionText.ByResource(h.Permissions.Select(p => (p.Resource, p.Verb)))
            + (h.Rule.Rule.ResourceNames.IsEmpty ? string.Empty : $" (only {string.Join(", ", h.Rule.Rule.ResourceNames)})"))));
        return evidence;
    }
}
