using System.Collections.Frozen;
using System.Collections.Immutable;

namespace ComplianceScanner.Core.Permissions;

/// <summary>The result of <see cref="ClusterRoleAggregator.Aggregate"/>: every aggregated ClusterRole, by name.</summary>
public sealed class ClusterRoleAggregation
{
    private readonly FrozenDictionary<string, AggregatedClusterRole> byName;

    internal ClusterRoleAggregation(ImmutableArray<AggregatedClusterRole> roles, bool converged)
    {
        Roles = roles;
        Converged = converged;
        byName = roles.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
    }

    public static ClusterRoleAggregation Empty { get; } = new([], converged: true);

    /// <summary>Aggregated ClusterRoles, by name.</summary>
    public ImmutableArray<AggregatedClusterRole> Roles { get; }

    /// <summary>
    /// False only when aggregated roles select each other in a cycle whose rule order never settles; the rule sets are
    /// then still complete, only their order is that of the last round.
    /// </summary>
    public bool Converged { get; }

    /// <summary>Aggregated roles whose carried rules differ from the computed union (not counting unfilled manifests).</summary>
    public IEnumerable<AggregatedClusterRole> Disagreements => Roles.Where(r => r.DeclaredState == DeclaredRulesState.Different);

    public AggregatedClusterRole? Find(string name) => byName.GetValueOrDefault(name);
}
