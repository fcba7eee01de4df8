using System.Collections.Frozen;

namespace ComplianceScanner.Rendering;

/// <summary>
/// The apiVersion of each kind a finding can be about. Report objects carry only the kind (the rules read each kind at
/// one version), so formats that need a full object reference (SARIF URIs, PolicyReport resources) look it up here.
/// </summary>
public static class KubernetesKinds
{
    private static readonly FrozenDictionary<string, string> ApiVersions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Namespace"] = "v1",
        ["Service"] = "v1",
        ["Secret"] = "v1",
        ["ConfigMap"] = "v1",
        ["ServiceAccount"] = "v1",
        ["Ingress"] = "networking.k8s.io/v1",
        ["IngressClass"] = "networking.k8s.io/v1",
        ["Role"] = "rbac.authorization.k8s.io/v1",
        ["ClusterRole"] = "rbac.authorization.k8s.io/v1",
        ["RoleBinding"] = "rbac.authorization.k8s.io/v1",
        ["ClusterRoleBinding"] = "rbac.authorization.k8s.io/v1",
        ["Group"] = "rbac.authorization.k8s.io/v1",
        ["User"] = "rbac.authorization.k8s.io/v1",
        ["Deployment"] = "apps/v1",
        ["DaemonSet"] = "apps/v1",
        ["StatefulSet"] = "apps/v1",
        ["ValidatingAdmissionPolicy"] = "admissionregistration.k8s.io/v1",
        ["ValidatingAdmissionPolicyBinding"] = "admissionregistration.k8s.io/v1",
        ["ValidatingWebhookConfiguration"] = "admissionregistration.k8s.io/v1",
        ["MutatingWebhookConfiguration"] = "admissionregistration.k8s.io/v1",
        ["Gateway"] = "gateway.networking.k8s.io/v1",
        ["HTTPRoute"] = "gateway.networking.k8s.io/v1",
        ["GRPCRoute"] = "gateway.networking.k8s.io/v1",
        ["ReferenceGrant"] = "gateway.networking.k8s.io/v1beta1",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The apiVersion the scanner reads <paramref name="kind"/> at, or null for a kind it does not know.</summary>
    public static string? ApiVersionOf(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return ApiVersions.GetValueOrDefault(kind);
    }
}
