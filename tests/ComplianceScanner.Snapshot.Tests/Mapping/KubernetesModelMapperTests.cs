using ComplianceScanner.Core.Model;
using ComplianceScanner.Snapshot.Mapping;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Tests.Mapping;

/// <summary>The mapper as the live source will use it: straight from KubernetesClient models, with every optional part null.</summary>
public sealed class KubernetesModelMapperTests
{
    private static readonly SourceLocation Live = new("k8s://cluster/apis/x", 0, 0);

    private static V1ObjectMeta Meta(string name, string? ns = null) => new() { Name = name, NamespaceProperty = ns };

    [Fact]
    public void Objects_with_every_optional_part_null_map_to_empty_collections_and_defaults()
    {
        var problems = new List<MappingProblem>();
        var objects = new object[]
        {
            new V1Namespace { Metadata = Meta("n") },
            new V1Ingress { Metadata = Meta("i") },
            new V1IngressClass { Metadata = Meta("c") },
            new V1Service { Metadata = Meta("s") },
            new V1Secret { Metadata = Meta("x") },
            new V1ConfigMap { Metadata = Meta("m") },
            new V1ServiceAccount { Metadata = Meta("a") },
            new V1Deployment { Metadata = Meta("d") },
            new V1DaemonSet { Metadata = Meta("ds") },
            new V1StatefulSet { Metadata = Meta("ss") },
            new V1Pod { Metadata = Meta("p") },
            new V1Role { Metadata = Meta("r") },
            new V1ClusterRole { Metadata = Meta("cr") },
            new V1ValidatingAdmissionPolicy { Metadata = Meta("vap") },
            new V1ValidatingAdmissionPolicyBinding { Metadata = Meta("vapb") },
            new V1ValidatingWebhookConfiguration { Metadata = Meta("vwc") },
            new V1MutatingWebhookConfiguration { Metadata = Meta("mwc") },
        };

        var mapped = objects.Select(o => KubernetesModelMapper.Map(o, Live, problems)!).ToList();

        Assert.Empty(problems);
        Assert.All(mapped, m => Assert.NotNull(m));
        Assert.All(mapped, m => Assert.Same(Live, m.Metadata.Source));
        Assert.All(mapped, m => Assert.Empty(m.Metadata.Labels));
        var ingress = Assert.IsType<Ingress>(mapped[1]);
        Assert.Equal(("networking.k8s.io/v1", null, null), (ingress.ApiVersion, ingress.IngressClassName, ingress.DefaultBackend));
        Assert.Empty(ingress.Rules);
        Assert.Equal("default", ingress.Metadata.Namespace);
        Assert.Null(Assert.IsType<IngressClass>(mapped[2]).Controller);
        Assert.Equal("ClusterIP", Assert.IsType<ServiceObject>(mapped[3]).Type);
        Assert.Equal("Opaque", Assert.IsType<SecretMetadata>(mapped[4]).Type);
        Assert.False(Assert.IsType<ConfigMapObject>(mapped[5]).DataRetained);
        var deployment = Assert.IsType<Workload>(mapped[7]);
        Assert.Equal(("Deployment", "default"), (deployment.Kind, deployment.ServiceAccountName));
        Assert.Empty(deployment.Containers);
        Assert.Equal(["DaemonSet", "StatefulSet", "Pod"], mapped.Skip(8).Take(3).Select(m => m.Kind).ToArray());
        Assert.Empty(Assert.IsType<RbacRole>(mapped[11]).Rules);
        Assert.False(Assert.IsType<RbacRole>(mapped[12]).IsAggregated);
        Assert.Equal(
            ["ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"],
            mapped.Skip(13).Select(m => m.Kind).ToArray());
    }

    [Fact]
    public void Null_entries_inside_lists_are_skipped_and_null_strings_become_empty()
    {
        var role = KubernetesModelMapper.ToClusterRole(
            new V1ClusterRole
            {
                Metadata = new V1ObjectMeta { Name = "r", Labels = new Dictionary<string, string> { ["k"] = null! } },
                Rules = [null!, new V1PolicyRule { Verbs = ["get", null!], Resources = null }],
                AggregationRule = new V1AggregationRule { ClusterRoleSelectors = [null!, new V1LabelSelector()] },
            },
            Live);

        var rule = Assert.Single(role.Rules);
        Assert.Equal(["get", string.Empty], rule.Verbs.ToArray());
        Assert.Empty(rule.Resources);
        Assert.Equal(string.Empty, role.Metadata.Labels["k"]);

        // An empty selector selects every ClusterRole, as in Kubernetes: it is kept, not dropped.
        Assert.True(Assert.Single(role.AggregationSelectors).IsEmpty);
    }

    [Fact]
    public void A_role_binding_needs_a_role_ref_with_a_name()
    {
        var problems = new List<MappingProblem>();

        Assert.Null(KubernetesModelMapper.ToRoleBinding(new V1RoleBinding { Metadata = Meta("b", "ns") }, Live, problems));
        Assert.Null(KubernetesModelMapper.ToClusterRoleBinding(new V1ClusterRoleBinding { Metadata = Meta("c"), RoleRef = new V1RoleRef { Kind = "ClusterRole" } }, Live, problems));

        Assert.Equal(["roleRef: roleRef is required", "roleRef.name: roleRef.name is required"], problems.Select(p => $"{p.Path}: {p.Message}").ToArray());
        Assert.All(problems, p => Assert.True(p.IsError));
    }

    [Fact]
    public void Metadata_times_are_utc_and_the_last_applied_annotation_is_dropped_only_where_asked()
    {
        var meta = new V1ObjectMeta
        {
            Name = "x",
            NamespaceProperty = string.Empty,
            CreationTimestamp = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Unspecified),
            Annotations = new Dictionary<string, string> { [KubernetesModelMapper.LastAppliedAnnotation] = "{}", ["b"] = "2", ["a"] = "1" },
            ManagedFields = [null!, new V1ManagedFieldsEntry { Manager = "m", Subresource = string.Empty }],
        };

        var kept = KubernetesModelMapper.Meta(meta, namespaced: true, Live);
        var dropped = KubernetesModelMapper.Meta(meta, namespaced: true, Live, dropLastApplied: true);

        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), kept.CreationTimestamp);
        Assert.Equal("default", kept.Namespace);
        Assert.Equal(["a", "b", KubernetesModelMapper.LastAppliedAnnotation], kept.Annotations.Keys.ToArray());
        Assert.Equal(["a", "b"], dropped.Annotations.Keys.ToArray());
        Assert.Equal([new ManagedFieldsEntry("m", string.Empty, null, null)], kept.ManagedFields.ToArray());
    }

    [Fact]
    public void Ingress_backends_paths_and_tls_map_with_nulls_tolerated()
    {
        var ingress = KubernetesModelMapper.ToIngress(
            new V1Ingress
            {
                ApiVersion = "networking.k8s.io/v1",
                Metadata = Meta("web", "shop"),
                Spec = new V1IngressSpec
                {
                    IngressClassName = string.Empty,
                    Rules =
                    [
                        new V1IngressRule
                        {
                            Host = "a.example.com",
                            Http = new V1HTTPIngressRuleValue
                            {
                                Paths =
                                [
                                    new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } } },
                                    new V1HTTPIngressPath { Path = "/x", PathType = "Exact", Backend = null! },
                                ],
                            },
                        },
                        new V1IngressRule { Host = "b.example.com" },
                    ],
                    Tls = [new V1IngressTLS { SecretName = "tls" }],
                },
            },
            Live);

        Assert.Null(ingress.IngressClassName);
        Assert.Equal("service web:80", ingress.Rules[0].Paths[0].Backend.Describe());
        Assert.Null(ingress.Rules[0].Paths[1].Backend.ServiceName);
        Assert.Empty(ingress.Rules[1].Paths);
        Assert.Empty(ingress.Tls[0].Hosts);
    }

    [Fact]
    public void An_unsupported_model_type_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => KubernetesModelMapper.Map(new V1Node { Metadata = Meta("n") }, Live, []));
    }
}
