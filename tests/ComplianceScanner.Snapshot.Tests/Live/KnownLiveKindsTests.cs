using ComplianceScanner.Snapshot.Live;
using ComplianceScanner.Snapshot.Manifests;

namespace ComplianceScanner.Snapshot.Tests.Live;

public sealed class KnownLiveKindsTests
{
    [Fact]
    public void Every_kind_the_manifest_loader_maps_is_read_live_at_a_version_the_loader_maps_too()
    {
        string[] loaderKinds =
        [
            "Namespace", "Service", "Secret", "ConfigMap", "ServiceAccount", "Ingress", "IngressClass", "Role", "ClusterRole",
            "RoleBinding", "ClusterRoleBinding", "Deployment", "DaemonSet", "StatefulSet", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
            "GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute", "ReferenceGrant",
        ];

        Assert.Equal(loaderKinds.Order(StringComparer.Ordinal), KnownLiveKinds.All.Select(k => k.Kind).Order(StringComparer.Ordinal));
        Assert.All(KnownLiveKinds.All, k => Assert.NotNull(KindTable.Find(k.GroupVersion, k.Kind)));
        Assert.All(KnownLiveKinds.All, k => Assert.Same(k, KindClients.For(k).Kind));
        Assert.Equal(KnownLiveKinds.All.Length, KnownLiveKinds.All.Select(k => k.QualifiedResource).Distinct().Count());
    }

    [Fact]
    public void Only_secrets_are_metadata_only_and_the_watched_kinds_are_the_ingress_rbac_and_namespace_kinds()
    {
        Assert.Equal(["secrets"], KnownLiveKinds.All.Where(k => k.MetadataOnly).Select(k => k.QualifiedResource));
        Assert.Equal(
            ["clusterrolebindings.rbac.authorization.k8s.io", "clusterroles.rbac.authorization.k8s.io", "ingressclasses.networking.k8s.io",
             "ingresses.networking.k8s.io", "namespaces", "rolebindings.rbac.authorization.k8s.io", "roles.rbac.authorization.k8s.io", "services"],
            KnownLiveKinds.All.Where(k => k.Watched).Select(k => k.QualifiedResource).Order(StringComparer.Ordinal));
        Assert.All(KnownLiveKinds.All.Where(k => k.Optional), k => Assert.Contains(k.Group, new[] { KnownLiveKinds.Admission, KnownLiveKinds.Gateway }));
    }

    [Fact]
    public void Permissions_name_the_verb_resource_and_group_as_rbac_does()
    {
        Assert.Equal("list secrets (core) cluster-wide", KnownLiveKinds.Find("secrets")!.Permission("list"));
        Assert.Equal("watch ingresses (networking.k8s.io) cluster-wide", KnownLiveKinds.Find("ingresses.networking.k8s.io")!.Permission("watch"));
        Assert.Equal("rbac.authorization.k8s.io/v1", KnownLiveKinds.Find("rolebindings.rbac.authorization.k8s.io")!.GroupVersion);
        Assert.Null(KnownLiveKinds.Find("pods"));
    }
}
