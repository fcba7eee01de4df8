using System.Collections.Immutable;

namespace ComplianceScanner.Core.Permissions;

/// <summary>Every grant an identity holds, from <see cref="PermissionIndex.For(ComplianceScanner.Core.Model.Subject)"/> or <see cref="PermissionIndex.For(UserInfo)"/>.</summary>
/// <param name="Identity">What was asked about: <c>Group:team-shop</c>, or a user with its groups.</param>
/// <param name="IsSystemMaster">The identity is (in) <c>system:masters</c> and holds everything; its first grants say so.</param>
/// <param name="Grants">Grants in evaluation order: masters, ClusterRoleBindings by name, RoleBindings by namespace and name, rules in role order.</param>
/// <param name="ResolutionErrors">Dangling roleRefs of bindings naming the identity.</param>
public sealed record EffectiveGrants(string Identity, bool IsSystemMaster, ImmutableArray<Grant> Grants, ImmutableArray<string> ResolutionErrors)
{
    /// <summary>Grants that apply in every namespace and to cluster-scoped resources.</summary>
    public IEnumerable<Grant> ClusterWide => Grants.Where(g => g.IsClusterWide);

    /// <summary>Grants that apply in <paramref name="ns"/>: cluster-wide ones and that namespace's.</summary>
    public IEnumerable<Grant> In(string ns) => Grants.Where(g => g.Namespace is null || string.Equals(g.Namespace, ns, StringComparison.Ordinal));

    /// <summary>Namespaces in which RoleBindings grant something, sorted.</summary>
    public ImmutableArray<string> Namespaces =>
        [.. Grants.Where(g => g.Namespace is not null).Select(g => g.Namespace!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
