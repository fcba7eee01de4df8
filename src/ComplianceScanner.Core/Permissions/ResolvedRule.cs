using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// One effective rule of a role, with where it was written: for plain roles the role itself; for aggregated ClusterRoles
/// the ClusterRole that declares it and the aggregated ClusterRoles it travelled through.
/// </summary>
/// <param name="Rule">The rule.</param>
/// <param name="Index">Zero-based position in the effective rules of the role that holds it.</param>
/// <param name="Origin">The role whose manifest declares the rule.</param>
/// <param name="OriginRuleIndex">Zero-based position of the rule in <paramref name="Origin"/>'s own <c>rules</c>.</param>
/// <param name="Via">
/// Names of the aggregated ClusterRoles between the holding role and <paramref name="Origin"/>, nearest first
/// (e.g. <c>admin</c> holds a rule of <c>system:aggregate-to-edit</c> via <c>[edit]</c>); empty when selected directly.
/// </param>
public sealed record ResolvedRule(PolicyRule Rule, int Index, RbacRole Origin, int OriginRuleIndex, ImmutableArray<string> Via)
{
    /// <summary>The rules a role declares itself, in order.</summary>
    public static ImmutableArray<ResolvedRule> Declared(RbacRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var b = ImmutableArray.CreateBuilder<ResolvedRule>(role.Rules.Length);
        for (var i = 0; i < role.Rules.Length; i++)
        {
            b.Add(new ResolvedRule(role.Rules[i], i, role, i, []));
        }

        return b.MoveToImmutable();
    }

    /// <summary><c>ClusterRole/system:aggregate-to-edit#3 via edit</c>.</summary>
    public string OriginDescription =>
        $"{Origin.Kind}/{Origin.Metadata.QualifiedName}#{OriginRuleIndex}{(Via.IsEmpty ? string.Empty : " via " + string.Join(" -> ", Via))}";

    public bool Equals(ResolvedRule? other) =>
        other is not null
        && Index == other.Index
        && OriginRuleIndex == other.OriginRuleIndex
        && Rule.Equals(other.Rule)
        && ReferenceEquals(Origin, other.Origin)
        && Via.SequenceEqual(other.Via, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Rule, Index, OriginRuleIndex, Origin.Metadata.Name);
}
