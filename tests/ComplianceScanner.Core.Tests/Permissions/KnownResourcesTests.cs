using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Tests.Permissions;

public sealed class KnownResourcesTests
{
    [Theory]
    [InlineData("ingresses", "ingresses", "networking.k8s.io")]
    [InlineData("ingress", "ingresses", "networking.k8s.io")]
    [InlineData("ing", "ingresses", "networking.k8s.io")]
    [InlineData("Ingress", "ingresses", "networking.k8s.io")]
    [InlineData("INGRESSES", "ingresses", "networking.k8s.io")]
    [InlineData("ingresses.networking.k8s.io", "ingresses", "networking.k8s.io")]
    [InlineData("ingresses.v1.networking.k8s.io", "ingresses", "networking.k8s.io")]
    [InlineData("ingresses.networking", "ingresses", "networking.k8s.io")]
    [InlineData("ing.networking", "ingresses", "networking.k8s.io")]
    [InlineData("ing.networking.k8s.io", "ingresses", "networking.k8s.io")]
    [InlineData("deployments.apps", "deployments", "apps")]
    [InlineData("deploy", "deployments", "apps")]
    [InlineData("deploy.v1.apps", "deployments", "apps")]
    [InlineData("deployment.apps", "deployments", "apps")]
    [InlineData("storageclass.storage", "storageclasses", "storage.k8s.io")]
    [InlineData("svc", "services", "")]
    [InlineData("po", "pods", "")]
    [InlineData("pod", "pods", "")]
    [InlineData("ns", "namespaces", "")]
    [InlineData("cm", "configmaps", "")]
    [InlineData("sa", "serviceaccounts", "")]
    [InlineData("no", "nodes", "")]
    [InlineData("pvc", "persistentvolumeclaims", "")]
    [InlineData("pv", "persistentvolumes", "")]
    [InlineData("ep", "endpoints", "")]
    [InlineData("endpoints", "endpoints", "")]
    [InlineData("limits", "limitranges", "")]
    [InlineData("quota", "resourcequotas", "")]
    [InlineData("rc", "replicationcontrollers", "")]
    [InlineData("ds", "daemonsets", "apps")]
    [InlineData("sts", "statefulsets", "apps")]
    [InlineData("rs", "replicasets", "apps")]
    [InlineData("cj", "cronjobs", "batch")]
    [InlineData("jobs.batch", "jobs", "batch")]
    [InlineData("hpa", "horizontalpodautoscalers", "autoscaling")]
    [InlineData("horizontalpodautoscalers.v1.autoscaling", "horizontalpodautoscalers", "autoscaling")]
    [InlineData("hpa.autoscal", "horizontalpodautoscalers", "autoscaling")]
    [InlineData("netpol", "networkpolicies", "networking.k8s.io")]
    [InlineData("pdb", "poddisruptionbudgets", "policy")]
    [InlineData("pc", "priorityclasses", "scheduling.k8s.io")]
    [InlineData("sc", "storageclasses", "storage.k8s.io")]
    [InlineData("csr", "certificatesigningrequests", "certificates.k8s.io")]
    [InlineData("crd", "customresourcedefinitions", "apiextensions.k8s.io")]
    [InlineData("crds", "customresourcedefinitions", "apiextensions.k8s.io")]
    [InlineData("clusterroles.rbac.authorization.k8s.io", "clusterroles", "rbac.authorization.k8s.io")]
    [InlineData("rolebinding", "rolebindings", "rbac.authorization.k8s.io")]
    [InlineData("leases", "leases", "coordination.k8s.io")]
    [InlineData("validatingwebhookconfigurations", "validatingwebhookconfigurations", "admissionregistration.k8s.io")]
    [InlineData("gatewayclasses", "gatewayclasses", "gateway.networking.k8s.io")]
    [InlineData("gtw", "gateways", "gateway.networking.k8s.io")]
    [InlineData("httproutes.gateway.networking.k8s.io", "httproutes", "gateway.networking.k8s.io")]
    [InlineData("grpcroute", "grpcroutes", "gateway.networking.k8s.io")]
    [InlineData("referencegrants.v1beta1.gateway.networking.k8s.io", "referencegrants", "gateway.networking.k8s.io")]
    [InlineData("ingressclasses", "ingressclasses", "networking.k8s.io")]
    public void Resolves_a_type_like_kubectl(string type, string resource, string group)
    {
        var r = KnownResources.Resolve(type);

        Assert.Equal((resource, group), (r.Resource, r.Group));
        Assert.NotNull(r.Known);
        Assert.Null(r.Warning);
    }

    [Fact]
    public void Events_and_ev_are_the_core_group_first_as_discovery_priority_says()
    {
        Assert.Equal("", KnownResources.Resolve("events").Group);
        Assert.Equal("", KnownResources.Resolve("ev").Group);
        Assert.Equal("events.k8s.io", KnownResources.Resolve("events.events.k8s.io").Group);
        Assert.Equal("events.k8s.io", KnownResources.Resolve("ev.events").Group);
    }

    [Theory]
    [InlineData("nodes", false)]
    [InlineData("namespaces", false)]
    [InlineData("clusterroles", false)]
    [InlineData("gatewayclasses", false)]
    [InlineData("ingressclasses", false)]
    [InlineData("persistentvolumes", false)]
    [InlineData("pods", true)]
    [InlineData("ingresses", true)]
    [InlineData("roles", true)]
    [InlineData("gateways", true)]
    [InlineData("leases", true)]
    [InlineData("*", true)]
    [InlineData("widgets.example.com", true)]
    public void Knows_which_types_are_namespaced(string type, bool namespaced)
    {
        Assert.Equal(namespaced, KnownResources.Resolve(type).IsNamespaced);
    }

    [Fact]
    public void Star_stays_star_in_the_core_group_without_warning()
    {
        var r = KnownResources.Resolve("*");

        Assert.Equal(("*", ""), (r.Resource, r.Group));
        Assert.Null(r.Known);
        Assert.Null(r.Warning);
    }

    [Fact]
    public void An_unknown_type_with_a_group_is_checked_as_written_with_a_warning()
    {
        var r = KnownResources.Resolve("Widgets.Example.com");

        Assert.Equal(("widgets", "example.com"), (r.Resource, r.Group));
        Assert.Null(r.Known);
        Assert.StartsWith("the server doesn't have a resource type 'widgets' in group 'example.com'", r.Warning);
    }

    [Fact]
    public void An_unknown_type_without_group_is_checked_in_the_core_group_with_a_warning()
    {
        var r = KnownResources.Resolve("widgets");

        Assert.Equal(("widgets", ""), (r.Resource, r.Group));
        Assert.StartsWith("the server doesn't have a resource type 'widgets'", r.Warning);
    }

    [Fact]
    public void A_legacy_group_is_not_mapped_to_the_current_one()
    {
        // extensions/v1beta1 Ingress is gone; RBAC groups are literal, so the question stays about "extensions".
        var r = KnownResources.Resolve("ingresses.extensions");

        Assert.Equal(("ingresses", "extensions"), (r.Resource, r.Group));
        Assert.NotNull(r.Warning);
    }

    [Theory]
    [InlineData("users")]
    [InlineData("groups")]
    public void Impersonation_resources_resolve_without_warning(string type)
    {
        var r = KnownResources.Resolve(type);

        Assert.Equal((type, ""), (r.Resource, r.Group));
        Assert.Null(r.Warning);
    }

    [Fact]
    public void Short_names_are_unique_within_a_group_and_plural_names_are_unique_per_group()
    {
        Assert.Equal(KnownResources.All.Length, KnownResources.All.Select(r => (r.Group, r.Name)).Distinct().Count());
        var shorts = KnownResources.All.SelectMany(r => r.ShortNames.Select(s => (r.Group, s))).ToList();
        Assert.Equal(shorts.Count, shorts.Distinct().Count());
        Assert.All(KnownResources.All, r => Assert.Equal(r.Name.ToLowerInvariant(), r.Name));
    }

    [Fact]
    public void Find_matches_plural_and_group_exactly()
    {
        Assert.Equal("Ingress", KnownResources.Find("networking.k8s.io", "ingresses")!.Kind);
        Assert.Null(KnownResources.Find("extensions", "ingresses"));
        Assert.Null(KnownResources.Find("networking.k8s.io", "ingress"));
    }
}
