using System.Collections.Frozen;
using ComplianceScanner.Snapshot.Mapping.GatewayApi;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>The typed list and watch client for each of <see cref="KnownLiveKinds.All"/>.</summary>
internal static class KindClients
{
    private static readonly FrozenDictionary<string, IKindClient> Clients = KnownLiveKinds.All.ToFrozenDictionary(k => k.QualifiedResource, Create);

    public static IKindClient For(LiveKind kind) =>
        Clients.TryGetValue(kind.QualifiedResource, out var client) && client.Kind == kind
            ? client
            : Create(kind);

    private static IKindClient Create(LiveKind kind) => kind.Kind switch
    {
        "Namespace" => new KindClient<V1Namespace, V1NamespaceList>(kind),
        "Service" => new KindClient<V1Service, V1ServiceList>(kind),
        "Secret" => new KindClient<V1Secret, V1SecretList>(kind),
        "ConfigMap" => new KindClient<V1ConfigMap, V1ConfigMapList>(kind),
        "ServiceAccount" => new KindClient<V1ServiceAccount, V1ServiceAccountList>(kind),
        "Ingress" => new KindClient<V1Ingress, V1IngressList>(kind),
        "IngressClass" => new KindClient<V1IngressClass, V1IngressClassList>(kind),
        "Role" => new KindClient<V1Role, V1RoleList>(kind),
        "ClusterRole" => new KindClient<V1ClusterRole, V1ClusterRoleList>(kind),
        "RoleBinding" => new KindClient<V1RoleBinding, V1RoleBindingList>(kind),
        "ClusterRoleBinding" => new KindClient<V1ClusterRoleBinding, V1ClusterRoleBindingList>(kind),
        "Deployment" => new KindClient<V1Deployment, V1DeploymentList>(kind),
        "DaemonSet" => new KindClient<V1DaemonSet, V1DaemonSetList>(kind),
        "StatefulSet" => new KindClient<V1StatefulSet, V1StatefulSetList>(kind),
        "ValidatingAdmissionPolicy" => new KindClient<V1ValidatingAdmissionPolicy, V1ValidatingAdmissionPolicyList>(kind),
        "ValidatingAdmissionPolicyBinding" => new KindClient<V1ValidatingAdmissionPolicyBinding, V1ValidatingAdmissionPolicyBindingList>(kind),
        "ValidatingWebhookConfiguration" => new KindClient<V1ValidatingWebhookConfiguration, V1ValidatingWebhookConfigurationList>(kind),
        "MutatingWebhookConfiguration" => new KindClient<V1MutatingWebhookConfiguration, V1MutatingWebhookConfigurationList>(kind),
        "GatewayClass" => new KindClient<GatewayClassResource, GatewayApiList<GatewayClassResource>>(kind),
        "Gateway" => new KindClient<GatewayResource, GatewayApiList<GatewayResource>>(kind),
        "HTTPRoute" => new KindClient<HttpRouteResource, GatewayApiList<HttpRouteResource>>(kind),
        "GRPCRoute" => new KindClient<GrpcRouteResource, GatewayApiList<GrpcRouteResource>>(kind),
        "ReferenceGrant" => new KindClient<ReferenceGrantResource, GatewayApiList<ReferenceGrantResource>>(kind),
        _ => throw new ArgumentException($"no typed client for kind {kind.Kind}", nameof(kind)),
    };
}
