using System.Collections.Immutable;

namespace ComplianceScanner.TestSupport.KubeApi;

/// <summary>A resource the test API server serves: where it lives in the REST tree and what kind its objects are.</summary>
public sealed record ApiResource(string Group, string Version, string Resource, string Kind, bool Namespaced)
{
    /// <summary>Every kind the live snapshot reads, at the versions a current API server serves.</summary>
    public static ImmutableArray<ApiResource> Standard { get; } =
    [
        new("", "v1", "namespaces", "Namespace", false),
        new("", "v1", "services", "Service", true),
        new("", "v1", "secrets", "Secret", true),
        new("", "v1", "configmaps", "ConfigMap", true),
        new("", "v1", "serviceaccounts", "ServiceAccount", true),
        new("networking.k8s.io", "v1", "ingresses", "Ingress", true),
        new("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false),
        new("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
        new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
        new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
        new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
        new("apps", "v1", "deployments", "Deployment", true),
        new("apps", "v1", "daemonsets", "DaemonSet", true),
        new("apps", "v1", "statefulsets", "StatefulSet", true),
        new("admissionregistration.k8s.io", "v1", "validatingadmissionpolicies", "ValidatingAdmissionPolicy", false),
        new("admissionregistration.k8s.io", "v1", "validatingadmissionpolicybindings", "ValidatingAdmissionPolicyBinding", false),
        new("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false),
        new("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false),
        new("coordination.k8s.io", "v1", "leases", "Lease", true),
        new("gateway.networking.k8s.io", "v1", "gatewayclasses", "GatewayClass", false),
        new("gateway.networking.k8s.io", "v1", "gateways", "Gateway", true),
        new("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute", true),
        new("gateway.networking.k8s.io", "v1", "grpcroutes", "GRPCRoute", true),
        new("gateway.networking.k8s.io", "v1beta1", "referencegrants", "ReferenceGrant", true),
    ];

    public string GroupVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>The cluster-wide collection path, e.g. <c>/apis/networking.k8s.io/v1/ingresses</c>.</summary>
    public string CollectionPath => (Group.Length == 0 ? "/api/" : "/apis/" + Group + "/") + Version + "/" + Resource;

    public override string ToString() => Group.Length == 0 ? Resource : Resource + "." + Group;
}
