using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>A Role or ClusterRole with the rules it effectively grants (for aggregated ClusterRoles, see <see cref="AggregatedRulesMode"/>).</summary>
/// <param name="Role">The role as read.</param>
/// <param name="Rules">Its effective rules, in order, with provenance.</param>
/// <param name="Aggregation">The aggregation result when the role is an aggregated ClusterRole.</param>
public sealed record ResolvedRole(RbacRole Role, ImmutableArray<ResolvedRule> Rules, AggregatedClusterRole? Aggregation)
{
    /// <summary><c>ClusterRole/edit</c> or <c>Role/shop/deployer</c>.</summary>
    public string DisplayName => $"{Role.Kind}/{Role.Metadata.QualifiedName}";

    public override string ToString() => DisplayName;

    // Roles are identities in the index (keys of dictionaries), so equality is by reference.
    public bool Equals(ResolvedRole? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
