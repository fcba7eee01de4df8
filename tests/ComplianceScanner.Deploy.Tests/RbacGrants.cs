using ComplianceScanner.Deploy.Tests.Kustomize;
using k8s.Models;

namespace ComplianceScanner.Deploy.Tests;

/// <summary>Expands the RBAC objects of a rendered variant into single grants, the way the authorizer reads them.</summary>
public static class RbacGrants
{
    public const string ScannerServiceAccount = "ServiceAccount:compliance-scanner/compliance-scanner";

    public static List<RbacGrant> Of(IReadOnlyList<RenderedObject> objects)
    {
        var clusterRoles = KubernetesModels.OfType<V1ClusterRole>(objects).ToDictionary(r => r.Metadata.Name, StringComparer.Ordinal);
        var roles = KubernetesModels.OfType<V1Role>(objects).ToDictionary(r => (r.Metadata.NamespaceProperty, r.Metadata.Name));
        var grants = new List<RbacGrant>();
        foreach (var binding in KubernetesModels.OfType<V1ClusterRoleBinding>(objects))
        {
            var role = clusterRoles.GetValueOrDefault(binding.RoleRef.Name)
                ?? throw new InvalidOperationException($"ClusterRoleBinding {binding.Metadata.Name} refers to ClusterRole {binding.RoleRef.Name}, which is not in the deployment.");
            grants.AddRange(Expand(binding.Subjects, null, role.Rules, "ClusterRole " + role.Metadata.Name));
        }

        foreach (var binding in KubernetesModels.OfType<V1RoleBinding>(objects))
        {
            var ns = binding.Metadata.NamespaceProperty;
            IList<V1PolicyRule>? rules = binding.RoleRef.Kind == "ClusterRole"
                ? clusterRoles.GetValueOrDefault(binding.RoleRef.Name)?.Rules
                : roles.GetValueOrDefault((ns, binding.RoleRef.Name))?.Rules;
            _ = rules ?? throw new InvalidOperationException($"RoleBinding {ns}/{binding.Metadata.Name} refers to {binding.RoleRef.Kind} {binding.RoleRef.Name}, which is not in the deployment.");
            grants.AddRange(Expand(binding.Subjects, ns, rules, $"{binding.RoleRef.Kind} {binding.RoleRef.Name}"));
        }

        return grants;
    }

    private static IEnumerable<RbacGrant> Expand(IList<Rbacv1Subject>? subjects, string? ns, IList<V1PolicyRule>? rules, string role)
    {
        foreach (var subject in subjects ?? [])
        {
            var name = subject.Kind == "ServiceAccount" ? $"ServiceAccount:{subject.NamespaceProperty}/{subject.Name}" : $"{subject.Kind}:{subject.Name}";
            foreach (var rule in rules ?? [])
            {
                foreach (var group in rule.ApiGroups ?? [])
                {
                    foreach (var resource in rule.Resources ?? [])
                    {
                        foreach (var verb in rule.Verbs)
                        {
                            yield return new RbacGrant(name, ns, group, resource, verb, [.. rule.ResourceNames ?? []], role);
                        }
                    }
                }
            }
        }
    }
}
