using System.Collections.Immutable;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// Every resource the live snapshot reads: the same kinds the manifest loader maps (Pods excepted: their workloads are
/// read instead; Gateway API kinds at one served version each). This is the single list the agent's ClusterRole is checked against.
/// </summary>
public static class KnownLiveKinds
{
    public const string Core = "";
    public const string Networking = "networking.k8s.io";
    public const string Rbac = "rbac.authorization.k8s.io";
    public const string Apps = "apps";
    public const string Admission = "admissionregistration.k8s.io";
    public const string Gateway = "gateway.networking.k8s.io";

    public static ImmutableArray<LiveKind> All { get; } =
    [
        new("namespaces", Core, "v1", "Namespace", Namespaced: false, Watched: true),
        new("services", Core, "v1", "Service", Namespaced: true, Watched: true),
        new("secrets", Core, "v1", "Secret", Namespaced: true, MetadataOnly: true),
        new("configmaps", Core, "v1", "ConfigMap", Namespaced: true),
        new("serviceaccounts", Core, "v1", "ServiceAccount", Namespaced: true),
        new("ingresses", Networking, "v1", "Ingress", Namespaced: true, Watched: true),
        new("ingressclasses", Networking, "v1", "IngressClass", Namespaced: false, Watched: true),
        new("roles", Rbac, "v1", "Role", Namespaced: true, Watched: true),
        new("clusterroles", Rbac, "v1", "ClusterRole", Namespaced: false, Watched: true),
        new("rolebindings", Rbac, "v1", "RoleBinding", Namespaced: true, Watched: true),
        new("clusterrolebindings", Rbac, "v1", "ClusterRoleBinding", Namespaced: false, Watched: true),
        new("deployments", Apps, "v1", "Deployment", Namespaced: true),
        new("daemonsets", Apps, "v1", "DaemonSet", Namespaced: true),
        new("statefulsets", Apps, "v1", "StatefulSet", Namespaced: true),
        new("validatingadmissionpolicies", Admission, "v1", "ValidatingAdmissionPolicy", Namespaced: false, Optional: true),
        new("validatingadmissionpolicybindings", Admission, "v1", "ValidatingAdmissionPolicyBinding", Namespaced: false, Optional: true),
        new("validatingwebhookconfigurations", Admission, "v1", "ValidatingWebhookConfiguration", Namespaced: false, Optional: true),
        new("mutatingwebhookconfigurations", Admission, "v1", "MutatingWebhookConfiguration", Namespaced: false, Optional: true),

        // Gateway API: custom resources, read only where their CRDs are installed (ReferenceGrant is v1beta1 in the
        // standard channel of every release that has it; v1 only in the newest).
        new("gatewayclasses", Gateway, "v1", "GatewayClass", Namespaced: false, Optional: true),
        new("gateways", Gateway, "v1", "Gateway", Namespaced: true, Optional: true),
        new("httproutes", Gateway, "v1", "HTTPRoute", Namespaced: true, Optional: true),
        new("grpcroutes", Gateway, "v1", "GRPCRoute", Namespaced: true, Optional: true),
        new("referencegrants", Gateway, "v1beta1", "ReferenceGrant", Namespaced: true, Optional: true),
    ];

    /// <summary>The kind for a qualified resource name (<c>secrets</c>, <c>ingresses.networking.k8s.io</c>), or null.</summary>
    public static LiveKind? Find(string qualifiedResource) => All.FirstOrDefault(k => k.QualifiedResource == qualifiedResource);
}
