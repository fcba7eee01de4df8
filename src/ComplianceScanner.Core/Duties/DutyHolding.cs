using System.Collections.Immutable;

namespace ComplianceScanner.Core.Duties;

/// <summary>
/// A duty a subject holds in one scope (S1: a grant there covers at least one of the duty's permissions for every
/// object name), and whether its declaration allows that.
/// </summary>
/// <param name="Duty">The duty's name.</param>
/// <param name="Namespace">The namespace; null when held cluster-wide (a ClusterRoleBinding), which counts for every namespace.</param>
/// <param name="Allowed">The subject's layer, or its team in this namespace, declares the duty.</param>
/// <param name="Grants">The covering grants, in evaluation order (ClusterRoleBindings, then RoleBindings by namespace and name; rules in role order).</param>
public sealed record DutyHolding(string Duty, string? Namespace, bool Allowed, ImmutableArray<DutyGrant> Grants)
{
    public bool IsClusterWide => Namespace is null;

    /// <summary><c>cluster-wide</c> or <c>namespace shop</c>.</summary>
    public string Scope => Namespace is null ? "cluster-wide" : $"namespace {Namespace}";

    /// <summary>
    /// Every covered permission is allowed to the subject here, by this duty or by another duty allowed to it that
    /// describes the same permission (S2). A holding that is not <see cref="Allowed"/> may still be compliant.
    /// </summary>
    public bool IsCompliant => Grants.All(g => g.IsAllowed);
}
