using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// An aggregated ClusterRole with the rules the clusterrole-aggregation-controller would give it, computed from the
/// input, and how they compare with the rules the role carries.
/// </summary>
/// <param name="Role">The aggregated ClusterRole as read.</param>
/// <param name="ComputedRules">The computed union, in the controller's order, each with its provenance.</param>
/// <param name="SelectedRoles">Names of the ClusterRoles its selectors select (itself excluded), selector by selector, by name.</param>
/// <param name="DeclaredState">How <see cref="RbacRole.Rules"/> of <paramref name="Role"/> compare with the computed rules.</param>
/// <param name="MissingFromDeclared">Computed rules the role does not carry.</param>
/// <param name="ExtraInDeclared">Carried rules that the computed union does not contain.</param>
public sealed record AggregatedClusterRole(
    RbacRole Role,
    ImmutableArray<ResolvedRule> ComputedRules,
    ImmutableArray<string> SelectedRoles,
    DeclaredRulesState DeclaredState,
    ImmutableArray<PolicyRule> MissingFromDeclared,
    ImmutableArray<PolicyRule> ExtraInDeclared)
{
    public string Name => Role.Metadata.Name;

    /// <summary>The carried rules are the computed ones (in any order).</summary>
    public bool AgreesWithDeclared => DeclaredState is DeclaredRulesState.Identical or DeclaredRulesState.SameRulesDifferentOrder;
}
