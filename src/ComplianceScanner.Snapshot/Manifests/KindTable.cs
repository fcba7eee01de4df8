using System.Collections.Frozen;
using ComplianceScanner.Snapshot.Mapping.GatewayApi;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Manifests;

/// <summary>
/// The kinds the loader maps, by exact apiVersion and kind. Older versions whose shape matches the v1 model are read
/// with it (RBAC v1beta1/v1alpha1, apps v1beta1/v1beta2, IngressClass v1beta1, admission v1beta1/v1alpha1), so an old
/// manifest still shows who gets which permission; legacy Ingress versions are converted to the v1 shape first.
/// Everything else is counted as an unknown kind.
/// </summary>
internal static class KindTable
{
    private static readonly FrozenDictionary<(string ApiVersion, string Kind), KnownKind> Kinds = Build();

    public static KnownKind? Find(string apiVersion, string kind) => Kinds.GetValueOrDefault((apiVersion, kind));

    private static FrozenDictionary<(string, string), KnownKind> Build()
    {
        var kinds = new Dictionary<(string, string), KnownKind>
        {
            [("v1", "Namespace")] = new(typeof(V1Namespace)),
            [("v1", "Service")] = new(typeof(V1Service)),
            [("v1", "Secret")] = new(typeof(V1Secret), IsSecret: true),
            [("v1", "ConfigMap")] = new(typeof(V1ConfigMap)),
            [("v1", "ServiceAccount")] = new(typeof(V1ServiceAccount)),
            [("v1", "Pod")] = new(typeof(V1Pod)),
            [("networking.k8s.io/v1", "Ingress")] = new(typeof(V1Ingress)),
            [("networking.k8s.io/v1beta1", "Ingress")] = new(typeof(V1Ingress), LegacyIngress: true),
            [("extensions/v1beta1", "Ingress")] = new(typeof(V1Ingress), LegacyIngress: true),
            [("networking.k8s.io/v1", "IngressClass")] = new(typeof(V1IngressClass)),
            [("networking.k8s.io/v1beta1", "IngressClass")] = new(typeof(V1IngressClass)),
        };

        foreach (var version in new[] { "v1", "v1beta1", "v1alpha1" })
        {
            var apiVersion = "rbac.authorization.k8s.io/" + version;
            kinds[(apiVersion, "Role")] = new(typeof(V1Role));
            kinds[(apiVersion, "ClusterRole")] = new(typeof(V1ClusterRole));
            kinds[(apiVersion, "RoleBinding")] = new(typeof(V1RoleBinding));
            kinds[(apiVersion, "ClusterRoleBinding")] = new(typeof(V1ClusterRoleBinding));
        }

        foreach (var apiVersion in new[] { "apps/v1", "apps/v1beta2" })
        {
            kinds[(apiVersion, "Deployment")] = new(typeof(V1Deployment));
            kinds[(apiVersion, "DaemonSet")] = new(typeof(V1DaemonSet));
            kinds[(apiVersion, "StatefulSet")] = new(typeof(V1StatefulSet));
        }

        kinds[("apps/v1beta1", "Deployment")] = new(typeof(V1Deployment));
        kinds[("apps/v1beta1", "StatefulSet")] = new(typeof(V1StatefulSet));
        kinds[("extensions/v1beta1", "Deployment")] = new(typeof(V1Deployment));
        kinds[("extensions/v1beta1", "DaemonSet")] = new(typeof(V1DaemonSet));

        foreach (var version in new[] { "v1", "v1beta1", "v1alpha1" })
        {
            var apiVersion = "admissionregistration.k8s.io/" + version;
            kinds[(apiVersion, "ValidatingAdmissionPolicy")] = new(typeof(V1ValidatingAdmissionPolicy));
            kinds[(apiVersion, "ValidatingAdmissionPolicyBinding")] = new(typeof(V1ValidatingAdmissionPolicyBinding));
            if (version != "v1alpha1")
            {
                kinds[(apiVersion, "ValidatingWebhookConfiguration")] = new(typeof(V1ValidatingWebhookConfiguration));
                kinds[(apiVersion, "MutatingWebhookConfiguration")] = new(typeof(V1MutatingWebhookConfiguration));
            }
        }

        // Gateway API: v1 is the standard channel; v1beta1 (and ReferenceGrant's v1alpha2) have the same shape.
        foreach (var version in new[] { "v1", "v1beta1" })
        {
            var apiVersion = "gateway.networking.k8s.io/" + version;
            kinds[(apiVersion, "GatewayClass")] = new(typeof(GatewayClassResource));
            kinds[(apiVersion, "Gateway")] = new(typeof(GatewayResource));
            kinds[(apiVersion, "HTTPRoute")] = new(typeof(HttpRouteResource));
            kinds[(apiVersion, "GRPCRoute")] = new(typeof(GrpcRouteResource));
            kinds[(apiVersion, "ReferenceGrant")] = new(typeof(ReferenceGrantResource));
        }

        kinds[("gateway.networking.k8s.io/v1alpha2", "ReferenceGrant")] = new(typeof(ReferenceGrantResource));
        kinds[("gateway.networking.k8s.io/v1alpha2", "GRPCRoute")] = new(typeof(GrpcRouteResource));
        return kinds.ToFrozenDictionary();
    }
}
