using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// A binding that names a subject, with the role it resolves to: the unit that per-binding rules report on, without
/// materialising one <see cref="Grant"/> per rule.
/// </summary>
/// <param name="Subject">The binding's subject entry that applies, as the authorizer reads it (see <see cref="Grant.Subject"/>).</param>
/// <param name="Binding">The binding.</param>
/// <param name="Role">The resolved role; null when the roleRef resolves to nothing (then <paramref name="Dangling"/> says why).</param>
/// <param name="Dangling">Why the roleRef does not resolve; null when it does.</param>
public sealed record SubjectBinding(Subject Subject, RbacBinding Binding, ResolvedRole? Role, DanglingBinding? Dangling)
{
    /// <summary>The namespace the binding grants in; null for a ClusterRoleBinding (cluster-wide).</summary>
    public string? Namespace => Binding.IsClusterBinding ? null : Binding.Metadata.Namespace;

    public bool IsClusterWide => Binding.IsClusterBinding;

    /// <summary><c>cluster-wide</c> or <c>namespace shop</c>.</summary>
    public string Scope => Namespace is null ? "cluster-wide" : $"namespace {Namespace}";
}
