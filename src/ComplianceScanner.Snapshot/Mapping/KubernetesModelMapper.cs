using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Snapshot.Mapping.GatewayApi;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Mapping;

/// <summary>
/// The one mapping from KubernetesClient models to Core records, used by every snapshot source (manifests now, the live
/// API later), so defaulting and null handling are decided here once: absent lists and maps become empty, namespaced
/// objects without a namespace land in <c>default</c> (as <c>kubectl apply</c> puts them), cluster-scoped objects never
/// carry one, Secret data is never read, and ConfigMap data is kept only where <see cref="ConfigMapDataPolicy"/> says so.
/// </summary>
internal static class KubernetesModelMapper
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";
    public const string IngressClassAnnotation = "kubernetes.io/ingress.class";
    public const string DefaultNamespace = "default";

    /// <summary>Kinds mapped to <see cref="AdmissionObject"/> (presence only).</summary>
    public static readonly ImmutableHashSet<string> AdmissionKinds = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding",
        "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration");

    /// <summary>
    /// Maps any supported model. Returns null, with the reasons in <paramref name="problems"/>, when a required field is
    /// missing or invalid; throws for a model type that is not supported (a programming error, not bad input).
    /// </summary>
    public static KubeObject? Map(object model, SourceLocation source, List<MappingProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(problems);
        return model switch
        {
            V1Namespace o => Named(o.Metadata, problems, ToNamespace(o, source)),
            V1Ingress o => Named(o.Metadata, problems, ToIngress(o, source)),
            V1IngressClass o => Named(o.Metadata, problems, ToIngressClass(o, source)),
            V1Service o => Named(o.Metadata, problems, ToService(o, source)),
            V1Secret o => Named(o.Metadata, problems, ToSecret(o, source)),
            V1ConfigMap o => Named(o.Metadata, problems, ToConfigMap(o, source)),
            V1ServiceAccount o => Named(o.Metadata, problems, ToServiceAccount(o, source)),
            V1Deployment o => Named(o.Metadata, problems, ToWorkload("Deployment", o.Metadata, o.Spec?.Template?.Spec, source)),
            V1DaemonSet o => Named(o.Metadata, problems, ToWorkload("DaemonSet", o.Metadata, o.Spec?.Template?.Spec, source)),
            V1StatefulSet o => Named(o.Metadata, problems, ToWorkload("StatefulSet", o.Metadata, o.Spec?.Template?.Spec, source)),
            V1Pod o => Named(o.Metadata, problems, ToWorkload("Pod", o.Metadata, o.Spec, source)),
            V1Role o => Named(o.Metadata, problems, ToRole(o, source)),
            V1ClusterRole o => Named(o.Metadata, problems, ToClusterRole(o, source)),
            V1RoleBinding o => Named(o.Metadata, problems, ToRoleBinding(o, source, problems)),
            V1ClusterRoleBinding o => Named(o.Metadata, problems, ToClusterRoleBinding(o, source, problems)),
            V1ValidatingAdmissionPolicy o => Named(o.Metadata, problems, ToAdmission("ValidatingAdmissionPolicy", o.Metadata, source)),
            V1ValidatingAdmissionPolicyBinding o => Named(o.Metadata, problems, ToAdmission("ValidatingAdmissionPolicyBinding", o.Metadata, source)),
            V1ValidatingWebhookConfiguration o => Named(o.Metadata, problems, ToAdmission("ValidatingWebhookConfiguration", o.Metadata, source)),
            V1MutatingWebhookConfiguration o => Named(o.Metadata, problems, ToAdmission("MutatingWebhookConfiguration", o.Metadata, source)),
            GatewayClassResource o => Named(o.Metadata, problems, GatewayApiMapper.ToGatewayClass(o, source)),
            GatewayResource o => Named(o.Metadata, problems, GatewayApiMapper.ToGateway(o, source)),
            HttpRouteResource o => Named(o.Metadata, problems, GatewayApiMapper.ToRoute(Core.Model.GatewayApi.HttpRouteKind, o, source)),
            GrpcRouteResource o => Named(o.Metadata, problems, GatewayApiMapper.ToRoute(Core.Model.GatewayApi.GrpcRouteKind, o, source)),
            ReferenceGrantResource o => Named(o.Metadata, problems, GatewayApiMapper.ToReferenceGrant(o, source)),
            _ => throw new ArgumentException($"no mapping for model type {model.GetType().Name}", nameof(model)),
        };
    }

    public static NamespaceObject ToNamespace(V1Namespace ns, SourceLocation source) =>
        new() { Metadata = Meta(ns.Metadata, namespaced: false, source) };

    public static Ingress ToIngress(V1Ingress ingress, SourceLocation source)
    {
        var meta = Meta(ingress.Metadata, namespaced: true, source);
        var spec = ingress.Spec;
        var className = NullIfEmpty(spec?.IngressClassName);
        var fromAnnotation = false;
        if (className is null && NullIfEmpty(meta.Annotation(IngressClassAnnotation)) is { } annotated)
        {
            className = annotated;
            fromAnnotation = true;
        }

        return new Ingress
        {
            Metadata = meta,
            ApiVersion = NullIfEmpty(ingress.ApiVersion) ?? "networking.k8s.io/v1",
            IngressClassName = className,
            IngressClassFromAnnotation = fromAnnotation,
            DefaultBackend = spec?.DefaultBackend is { } backend ? ToBackend(backend) : null,
            Rules = [.. (spec?.Rules ?? []).Where(r => r is not null).Select(ToRule)],
            Tls = [.. (spec?.Tls ?? []).Where(t => t is not null).Select(t => new IngressTls(Strings(t.Hosts), NullIfEmpty(t.SecretName)))],
        };
    }

    public static IngressClass ToIngressClass(V1IngressClass ingressClass, SourceLocation source)
    {
        var parameters = ingressClass.Spec?.Parameters;
        return new IngressClass
        {
            Metadata = Meta(ingressClass.Metadata, namespaced: false, source),
            Controller = NullIfEmpty(ingressClass.Spec?.Controller),
            ParametersKind = NullIfEmpty(parameters?.Kind),
            ParametersName = NullIfEmpty(parameters?.Name),
            ParametersNamespace = NullIfEmpty(parameters?.NamespaceProperty),
        };
    }

    public static ServiceObject ToService(V1Service service, SourceLocation source) => new()
    {
        Metadata = Meta(service.Metadata, namespaced: true, source),
        Type = NullIfEmpty(service.Spec?.Type) ?? "ClusterIP",
        ExternalName = NullIfEmpty(service.Spec?.ExternalName),
        Ports = [.. (service.Spec?.Ports ?? []).Where(p => p is not null).Select(p => new ServicePort(NullIfEmpty(p.Name), p.Port))],
    };

    /// <summary>Metadata and type only: <c>data</c> and <c>stringData</c> are never read, nor the last-applied annotation that repeats them.</summary>
    public static SecretMetadata ToSecret(V1Secret secret, SourceLocation source) => new()
    {
        Metadata = Meta(secret.Metadata, namespaced: true, source, dropLastApplied: true),
        Type = NullIfEmpty(secret.Type) ?? "Opaque",
    };

    public static ConfigMapObject ToConfigMap(V1ConfigMap configMap, SourceLocation source)
    {
        var name = configMap.Metadata?.Name ?? string.Empty;
        var labels = Sorted(configMap.Metadata?.Labels);
        var retain = ConfigMapDataPolicy.Retains(name, labels);

        // Without the data, the last-applied annotation (a full copy of the object) must go too.
        return new ConfigMapObject
        {
            Metadata = Meta(configMap.Metadata, namespaced: true, source, dropLastApplied: !retain),
            Data = retain ? Sorted(configMap.Data) : ImmutableSortedDictionary<string, string>.Empty,
            DataRetained = retain,
        };
    }

    public static ServiceAccountObject ToServiceAccount(V1ServiceAccount account, SourceLocation source) =>
        new() { Metadata = Meta(account.Metadata, namespaced: true, source) };

    /// <summary>A pod-running object: its identity (service account, <c>default</c> when unset) and containers.</summary>
    public static Workload ToWorkload(string kind, V1ObjectMeta? metadata, V1PodSpec? pod, SourceLocation source) => new()
    {
        Metadata = Meta(metadata, namespaced: true, source),
        WorkloadKind = kind,

        // serviceAccount is the deprecated alias the API server still honours when serviceAccountName is empty.
        ServiceAccountName = NullIfEmpty(pod?.ServiceAccountName) ?? NullIfEmpty(pod?.ServiceAccount) ?? "default",
        Containers = [.. (pod?.Containers ?? []).Where(c => c is not null)
            .Select(c => new WorkloadContainer(c.Name ?? string.Empty, c.Image ?? string.Empty, Strings(c.Args)))],
    };

    public static RbacRole ToRole(V1Role role, SourceLocation source) => new()
    {
        Metadata = Meta(role.Metadata, namespaced: true, source),
        Rules = Rules(role.Rules),
    };

    /// <summary>A ClusterRole; <c>rules: null</c> (aggregated roles in manifests) becomes an empty list.</summary>
    public static RbacRole ToClusterRole(V1ClusterRole role, SourceLocation source) => new()
    {
        Metadata = Meta(role.Metadata, namespaced: false, source),
        Rules = Rules(role.Rules),
        AggregationSelectors = [.. (role.AggregationRule?.ClusterRoleSelectors ?? []).Where(s => s is not null).Select(ToSelector)],
    };

    public static RbacBinding? ToRoleBinding(V1RoleBinding binding, SourceLocation source, List<MappingProblem> problems)
    {
        var meta = Meta(binding.Metadata, namespaced: true, source);
        var roleRef = ToRoleRef(binding.RoleRef, clusterBinding: false, problems);
        return roleRef is null ? null : new RbacBinding
        {
            Metadata = meta,
            RoleRef = roleRef,
            Subjects = Subjects(binding.Subjects, meta.Namespace, problems),
        };
    }

    public static RbacBinding? ToClusterRoleBinding(V1ClusterRoleBinding binding, SourceLocation source, List<MappingProblem> problems)
    {
        var meta = Meta(binding.Metadata, namespaced: false, source);
        var roleRef = ToRoleRef(binding.RoleRef, clusterBinding: true, problems);
        return roleRef is null ? null : new RbacBinding
        {
            Metadata = meta,
            RoleRef = roleRef,
            Subjects = Subjects(binding.Subjects, bindingNamespace: null, problems),
        };
    }

    public static AdmissionObject ToAdmission(string kind, V1ObjectMeta? metadata, SourceLocation source) => new()
    {
        Metadata = Meta(metadata, namespaced: false, source),
        AdmissionKind = kind,
    };

    /// <summary>Core metadata. The caller has checked that the name is present.</summary>
    public static ObjectMeta Meta(V1ObjectMeta? meta, bool namespaced, SourceLocation source, bool dropLastApplied = false)
    {
        var annotations = Sorted(meta?.Annotations);
        if (dropLastApplied)
        {
            annotations = annotations.Remove(LastAppliedAnnotation);
        }

        return new ObjectMeta
        {
            Name = meta?.Name ?? string.Empty,
            Namespace = namespaced ? NullIfEmpty(meta?.NamespaceProperty) ?? DefaultNamespace : null,
            Labels = Sorted(meta?.Labels),
            Annotations = annotations,
            Uid = NullIfEmpty(meta?.Uid),
            ResourceVersion = NullIfEmpty(meta?.ResourceVersion),
            CreationTimestamp = Utc(meta?.CreationTimestamp),
            ManagedFields = [.. (meta?.ManagedFields ?? []).Where(m => m is not null).Select(m =>
                new ManagedFieldsEntry(m.Manager ?? string.Empty, m.Operation ?? string.Empty, Utc(m.Time), NullIfEmpty(m.Subresource)))],
            Source = source,
        };
    }

    /// <summary>
    /// Passes the mapped object through, with a warning when it has no name: the API server would refuse it, but test
    /// fixtures and generateName objects are like that, and their content (annotations, rules) still matters to a scan.
    /// </summary>
    private static KubeObject? Named(V1ObjectMeta? meta, List<MappingProblem> problems, KubeObject? mapped)
    {
        if (string.IsNullOrEmpty(meta?.Name))
        {
            problems.Add(new MappingProblem(
                "metadata.name",
                string.IsNullOrEmpty(meta?.GenerateName)
                    ? "metadata.name is empty; the object is loaded without a name (the API server would refuse it)"
                    : "metadata.name is empty (generateName names an object only when the API server creates it); the object is loaded without a name",
                IsError: false));
        }

        return mapped;
    }

    private static IngressRule ToRule(V1IngressRule rule) => new(
        NullIfEmpty(rule.Host),
        [.. (rule.Http?.Paths ?? []).Where(p => p is not null).Select(p =>
            new IngressPath(NullIfEmpty(p.Path), NullIfEmpty(p.PathType), p.Backend is { } b ? ToBackend(b) : new IngressBackend()))]);

    private static IngressBackend ToBackend(V1IngressBackend backend) => new()
    {
        ServiceName = NullIfEmpty(backend.Service?.Name),
        ServicePortName = NullIfEmpty(backend.Service?.Port?.Name),
        ServicePortNumber = backend.Service?.Port?.Number,
        ResourceKind = NullIfEmpty(backend.Resource?.Kind),
        ResourceName = NullIfEmpty(backend.Resource?.Name),
        ResourceApiGroup = NullIfEmpty(backend.Resource?.ApiGroup),
    };

    private static RoleRef? ToRoleRef(V1RoleRef? roleRef, bool clusterBinding, List<MappingProblem> problems)
    {
        if (roleRef is null)
        {
            problems.Add(new MappingProblem("roleRef", "roleRef is required"));
            return null;
        }

        var ok = true;
        if (string.IsNullOrEmpty(roleRef.Name))
        {
            problems.Add(new MappingProblem("roleRef.name", "roleRef.name is required"));
            ok = false;
        }

        var kind = roleRef.Kind ?? string.Empty;
        if (clusterBinding ? kind != "ClusterRole" : kind is not ("Role" or "ClusterRole"))
        {
            // Kept as written: the RBAC authorizer finds no such role, so the binding grants nothing; rules can say so.
            problems.Add(new MappingProblem(
                "roleRef.kind",
                clusterBinding
                    ? $"roleRef.kind is \"{kind}\" but a ClusterRoleBinding can only refer to a ClusterRole (the API server refuses it; it grants nothing)"
                    : $"roleRef.kind is \"{kind}\" but must be Role or ClusterRole (the API server refuses it; it grants nothing)",
                IsError: false));
        }

        return ok ? new RoleRef(kind, roleRef.Name!) : null;
    }

    /// <summary>
    /// Subjects exactly as written: the RBAC authorizer compares kinds case-sensitively, so <c>kind: user</c> matches
    /// nobody; it is kept (granting nothing) with a warning rather than silently corrected. A ServiceAccount without a
    /// namespace in a RoleBinding is the binding's own namespace, as the authorizer reads it; in a ClusterRoleBinding it
    /// stays without one (and matches no one).
    /// </summary>
    private static ImmutableArray<Subject> Subjects(IList<Rbacv1Subject>? subjects, string? bindingNamespace, List<MappingProblem> problems) =>
        [.. (subjects ?? []).Where(s => s is not null).Select((s, i) =>
        {
            var kind = s.Kind ?? string.Empty;
            if (kind is not (Subject.UserKind or Subject.GroupKind or Subject.ServiceAccountKind))
            {
                problems.Add(new MappingProblem(
                    $"subjects[{i}].kind",
                    $"subject kind \"{kind}\" is not User, Group or ServiceAccount (kinds are case-sensitive; the API server refuses it and the authorizer matches no one)",
                    IsError: false));
            }

            var ns = kind == Subject.ServiceAccountKind ? NullIfEmpty(s.NamespaceProperty) ?? bindingNamespace : null;
            return new Subject(kind, s.Name ?? string.Empty, ns);
        })];

    private static ImmutableArray<PolicyRule> Rules(IList<V1PolicyRule>? rules) =>
        [.. (rules ?? []).Where(r => r is not null).Select(r => new PolicyRule
        {
            Verbs = Strings(r.Verbs),
            ApiGroups = Strings(r.ApiGroups),
            Resources = Strings(r.Resources),
            ResourceNames = Strings(r.ResourceNames),
            NonResourceUrls = Strings(r.NonResourceURLs),
        })];

    private static LabelSelector ToSelector(V1LabelSelector selector) => new()
    {
        MatchLabels = Sorted(selector.MatchLabels),
        MatchExpressions = [.. (selector.MatchExpressions ?? []).Where(e => e is not null)
            .Select(e => new LabelSelectorRequirement(e.Key ?? string.Empty, e.OperatorProperty ?? string.Empty, Strings(e.Values)))],
    };

    private static ImmutableArray<string> Strings(IList<string>? values) =>
        values is null ? [] : [.. values.Select(v => v ?? string.Empty)];

    private static ImmutableSortedDictionary<string, string> Sorted(IDictionary<string, string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return ImmutableSortedDictionary<string, string>.Empty;
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in values)
        {
            builder[k] = v ?? string.Empty;
        }

        return builder.ToImmutable();
    }

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
