using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-009: Kubernetes' catch-all roles bound outside the cluster layer: <c>cluster-admin</c> bound anywhere to a
/// subject not in the cluster layer; <c>admin</c> or <c>edit</c> through a ClusterRoleBinding, or through a RoleBinding
/// in a namespace the subject does not own (its team's, or its layer's; an undeclared subject: any namespace outside the
/// cluster layer's). The roles are recognised by the roleRef's ClusterRole name, also when the role is not in the input
/// (every cluster has them). One finding per subject and binding.
/// </summary>
public sealed class PrivilegedRoleBindingRule : SubjectRuleBase
{
    public const string ClusterAdmin = "cluster-admin";

    /// <summary>The built-in user-facing roles that grant (almost) everything in their scope.</summary>
    public static ImmutableArray<string> RoleNames { get; } = [ClusterAdmin, "admin", "edit"];

    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-009",
        "cluster-admin, admin or edit bound outside the cluster layer",
        Severity.High,
        Layer.Cluster,
        "rbac",
        "Bind a role with the permissions the subject needs instead of cluster-admin/admin/edit; give a team admin or edit "
        + "only through RoleBindings in its own namespaces. If the subject operates the cluster, declare it in the cluster "
        + "layer of scanner.yaml.");

    protected override Finding? Judge(SubjectStandings standings, SubjectStanding standing, SubjectBinding binding)
    {
        var roleRef = binding.Binding.RoleRef;
        if (!roleRef.IsClusterRole || !RoleNames.Contains(roleRef.Name, StringComparer.Ordinal))
        {
            return null;
        }

        string why;
        if (roleRef.Name == ClusterAdmin)
        {
            why = binding.IsClusterWide
                ? "cluster-admin may do everything everywhere"
                : $"cluster-admin through a RoleBinding may do everything in namespace {binding.Namespace}, including granting its RBAC";
        }
        else if (binding.IsClusterWide)
        {
            why = $"{roleRef.Name} through a ClusterRoleBinding applies in every namespace";
        }
        else if (OwnsBindingNamespace(standings, standing, binding.Namespace!))
        {
            return null;
        }
        else
        {
            why = $"namespace {binding.Namespace} is not {(standing.IsUndeclared ? "a cluster-layer namespace" : $"owned by the {standing.Description}")}";
        }

        var evidence = new List<Evidence>
        {
            RbacEvidence.Subject(binding.Subject, standing),
            RbacEvidence.Binding(binding.Binding, standings.Context),
            binding.Role is { } role
                ? RbacEvidence.Role(role)
                : new Evidence("role", roleRef.ToString(), "not in the input; recognised by name (every cluster has it)"),
            new Evidence("boundary", "cluster layer", why),
        };
        var message = $"{binding.Subject} ({standing.Description}) is bound to the built-in {roleRef.Name} role through "
            + $"{binding.Binding.Kind} {binding.Binding.Metadata.QualifiedName} ({binding.Scope}): {why}.";
        var finding = Report(standings, standing, binding, message, roleRef.Name, evidence);
        return roleRef.Name == ClusterAdmin ? finding with { Severity = Severity.Critical } : finding;
    }

    private static bool OwnsBindingNamespace(SubjectStandings standings, SubjectStanding standing, string ns) =>
        standing.IsUndeclared
            ? standings.Context.Ownership.OwnerOf(ns).Layer == Layer.Cluster
            : standings.Owns(standing, ns);
}
