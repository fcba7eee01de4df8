using System.Collections.Immutable;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// The built-in Kubernetes API resources (as of Kubernetes 1.34) plus the Gateway API's standard resources, as API
/// discovery lists them, and the resolution of a TYPE argument the way <c>kubectl auth can-i</c> does it
/// (<c>resourceFor</c> over kubectl's shortcut-expanding REST mapper).
/// </summary>
/// <remarks>
/// The order is discovery's group priority (core first, then <c>apps</c>, <c>events.k8s.io</c>, ...): when a name is
/// served by several groups the first wins, as kubectl's priority REST mapper picks it (<c>events</c> and <c>ev</c>
/// are the core group's). Offline there is no discovery, so custom resources are unknown here; see <see cref="Resolve"/>.
/// </remarks>
public static class KnownResources
{
    /// <summary>Names that are valid resources for the <c>impersonate</c> verb but that discovery never lists (kubectl's nonStandardResourceNames).</summary>
    private static readonly ImmutableArray<string> NonStandardResourceNames = ["users", "groups"];

    /// <summary>Every known resource, in discovery priority order.</summary>
    public static ImmutableArray<ApiResource> All { get; } =
    [
        // Core group (v1).
        Ns("bindings", "", "Binding"),
        Cluster("componentstatuses", "", "ComponentStatus", "cs"),
        Ns("configmaps", "", "ConfigMap", "cm"),
        Ns("endpoints", "", "Endpoints", "ep"),
        Ns("events", "", "Event", "ev"),
        Ns("limitranges", "", "LimitRange", "limits"),
        Cluster("namespaces", "", "Namespace", "ns"),
        Cluster("nodes", "", "Node", "no"),
        Ns("persistentvolumeclaims", "", "PersistentVolumeClaim", "pvc"),
        Cluster("persistentvolumes", "", "PersistentVolume", "pv"),
        Ns("pods", "", "Pod", "po"),
        Ns("podtemplates", "", "PodTemplate"),
        Ns("replicationcontrollers", "", "ReplicationController", "rc"),
        Ns("resourcequotas", "", "ResourceQuota", "quota"),
        Ns("secrets", "", "Secret"),
        Ns("serviceaccounts", "", "ServiceAccount", "sa"),
        Ns("services", "", "Service", "svc"),

        Cluster("apiservices", "apiregistration.k8s.io", "APIService"),

        Ns("controllerrevisions", "apps", "ControllerRevision"),
        Ns("daemonsets", "apps", "DaemonSet", "ds"),
        Ns("deployments", "apps", "Deployment", "deploy"),
        Ns("replicasets", "apps", "ReplicaSet", "rs"),
        Ns("statefulsets", "apps", "StatefulSet", "sts"),

        Ns("events", "events.k8s.io", "Event", "ev"),

        Cluster("selfsubjectreviews", "authentication.k8s.io", "SelfSubjectReview"),
        Cluster("tokenreviews", "authentication.k8s.io", "TokenReview"),

        Ns("localsubjectaccessreviews", "authorization.k8s.io", "LocalSubjectAccessReview"),
        Cluster("selfsubjectaccessreviews", "authorization.k8s.io", "SelfSubjectAccessReview"),
        Cluster("selfsubjectrulesreviews", "authorization.k8s.io", "SelfSubjectRulesReview"),
        Cluster("subjectaccessreviews", "authorization.k8s.io", "SubjectAccessReview"),

        new("horizontalpodautoscalers", "autoscaling", ["v2", "v1"], "HorizontalPodAutoscaler", true, ["hpa"]),

        Ns("cronjobs", "batch", "CronJob", "cj"),
        Ns("jobs", "batch", "Job"),

        Cluster("certificatesigningrequests", "certificates.k8s.io", "CertificateSigningRequest", "csr"),

        Cluster("ingressclasses", "networking.k8s.io", "IngressClass"),
        Ns("ingresses", "networking.k8s.io", "Ingress", "ing"),
        Cluster("ipaddresses", "networking.k8s.io", "IPAddress"),
        Ns("networkpolicies", "networking.k8s.io", "NetworkPolicy", "netpol"),
        Cluster("servicecidrs", "networking.k8s.io", "ServiceCIDR"),

        Ns("poddisruptionbudgets", "policy", "PodDisruptionBudget", "pdb"),

        Cluster("clusterrolebindings", "rbac.authorization.k8s.io", "ClusterRoleBinding"),
        Cluster("clusterroles", "rbac.authorization.k8s.io", "ClusterRole"),
        Ns("rolebindings", "rbac.authorization.k8s.io", "RoleBinding"),
        Ns("roles", "rbac.authorization.k8s.io", "Role"),

        Cluster("csidrivers", "storage.k8s.io", "CSIDriver"),
        Cluster("csinodes", "storage.k8s.io", "CSINode"),
        Ns("csistoragecapacities", "storage.k8s.io", "CSIStorageCapacity"),
        Cluster("storageclasses", "storage.k8s.io", "StorageClass", "sc"),
        Cluster("volumeattachments", "storage.k8s.io", "VolumeAttachment"),
        Cluster("volumeattributesclasses", "storage.k8s.io", "VolumeAttributesClass"),

        Cluster("mutatingwebhookconfigurations", "admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
        Cluster("validatingadmissionpolicies", "admissionregistration.k8s.io", "ValidatingAdmissionPolicy"),
        Cluster("validatingadmissionpolicybindings", "admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"),
        Cluster("validatingwebhookconfigurations", "admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),

        Cluster("customresourcedefinitions", "apiextensions.k8s.io", "CustomResourceDefinition", "crd", "crds"),

        Cluster("priorityclasses", "scheduling.k8s.io", "PriorityClass", "pc"),

        Ns("leases", "coordination.k8s.io", "Lease"),

        Cluster("runtimeclasses", "node.k8s.io", "RuntimeClass"),

        Ns("endpointslices", "discovery.k8s.io", "EndpointSlice"),

        Cluster("flowschemas", "flowcontrol.apiserver.k8s.io", "FlowSchema"),
        Cluster("prioritylevelconfigurations", "flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"),

        Cluster("deviceclasses", "resource.k8s.io", "DeviceClass"),
        Ns("resourceclaims", "resource.k8s.io", "ResourceClaim"),
        Ns("resourceclaimtemplates", "resource.k8s.io", "ResourceClaimTemplate"),
        Cluster("resourceslices", "resource.k8s.io", "ResourceSlice"),

        // Gateway API (CRDs of the standard channel, present in most clusters that route with Gateways).
        Cluster("gatewayclasses", "gateway.networking.k8s.io", "GatewayClass", "gc"),
        Ns("gateways", "gateway.networking.k8s.io", "Gateway", "gtw"),
        Ns("grpcroutes", "gateway.networking.k8s.io", "GRPCRoute"),
        Ns("httproutes", "gateway.networking.k8s.io", "HTTPRoute"),
        new("referencegrants", "gateway.networking.k8s.io", ["v1beta1"], "ReferenceGrant", true, ["refgrant"]),
    ];

    /// <summary>The resource of that exact plural name and group; null when not known.</summary>
    public static ApiResource? Find(string group, string resource)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(resource);
        foreach (var r in All)
        {
            if (string.Equals(r.Group, group, StringComparison.Ordinal) && string.Equals(r.Name, resource, StringComparison.Ordinal))
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves a TYPE argument as <c>kubectl auth can-i</c> does: <c>*</c> stays <c>*</c> (core group); otherwise the
    /// lower-cased argument is matched as <c>resource.version.group</c>, then as <c>resource.group</c> or
    /// <c>resource</c>, where resource is a plural, singular (lower-cased kind) or short name and the group may be a
    /// prefix (<c>ingresses.networking</c>, <c>ing.networking</c>).
    /// </summary>
    /// <remarks>
    /// For a type discovery does not know, kubectl warns "the server doesn't have a resource type" and still asks.
    /// Offline there is no server to ask about custom resources, so an unknown type is checked as written — resource
    /// before the first dot, group after it (<c>widgets.example.com</c> is resource <c>widgets</c> in group
    /// <c>example.com</c>) — with a warning. (Against a server that lacks the type, kubectl would send the whole
    /// argument as the resource name; that request can never match a rule, which is not a useful answer offline.)
    /// <c>users</c> and <c>groups</c>, the impersonation resources, resolve to the core group without a warning.
    /// </remarks>
    public static ResourceResolution Resolve(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == RuleMatching.All)
        {
            return new ResourceResolution(RuleMatching.All, string.Empty, null, null);
        }

        var arg = type.ToLowerInvariant();
        ApiResource? found = null;

        // schema.ParseResourceArg: two or more dots may be resource.version.group.
        var parts = arg.Split('.', 3);
        if (parts.Length == 3)
        {
            found = Lookup(parts[0], parts[2], parts[1]);
        }

        var dot = arg.IndexOf('.', StringComparison.Ordinal);
        var (resource, group) = dot >= 0 ? (arg[..dot], arg[(dot + 1)..]) : (arg, string.Empty);
        found ??= Lookup(resource, group, null);
        if (found is not null)
        {
            return new ResourceResolution(found.Name, found.Group, found, null);
        }

        if (group.Length == 0 && NonStandardResourceNames.Contains(resource, StringComparer.Ordinal))
        {
            return new ResourceResolution(resource, group, null, null);
        }

        var warning = group.Length == 0
            ? $"the server doesn't have a resource type '{resource}' (built-in types only offline); checking resource '{resource}' in the core group as written"
            : $"the server doesn't have a resource type '{resource}' in group '{group}' (built-in types only offline); checking it as written";
        return new ResourceResolution(resource, group, null, warning);
    }

    /// <summary>The shortcut expander followed by the default REST mapper's ResourceFor, first match in priority order.</summary>
    private static ApiResource? Lookup(string resource, string group, string? version)
    {
        (resource, group) = ExpandShortcut(resource, group);
        if (group.Length > 0 && version is not null)
        {
            return All.FirstOrDefault(r => r.Group == group && r.Versions.Contains(version, StringComparer.Ordinal) && NameMatches(r, resource));
        }

        if (group.Length > 0)
        {
            // Prefer an exact group; else a group prefix ("storageclass.storage" finds storage.k8s.io).
            return All.FirstOrDefault(r => r.Group == group && NameMatches(r, resource))
                ?? All.FirstOrDefault(r => r.Group.StartsWith(group, StringComparison.Ordinal) && NameMatches(r, resource));
        }

        return All.FirstOrDefault(r => NameMatches(r, resource));
    }

    /// <summary>kubectl's shortcutExpander: full names win over short names; short names match an exact group, then a group prefix.</summary>
    private static (string Resource, string Group) ExpandShortcut(string resource, string group)
    {
        if (All.Any(r => (group.Length == 0 || r.Group == group) && NameMatches(r, resource)))
        {
            return (resource, group);
        }

        foreach (var r in All)
        {
            if ((group.Length == 0 || r.Group == group) && r.ShortNames.Contains(resource, StringComparer.Ordinal))
            {
                return (r.Name, r.Group);
            }
        }

        if (group.Length == 0)
        {
            return (resource, group);
        }

        foreach (var r in All)
        {
            if (r.Group.StartsWith(group, StringComparison.Ordinal) && r.ShortNames.Contains(resource, StringComparer.Ordinal))
            {
                return (r.Name, r.Group);
            }
        }

        return (resource, group);
    }

    private static bool NameMatches(ApiResource r, string resource) =>
        string.Equals(r.Name, resource, StringComparison.Ordinal) || string.Equals(r.SingularName, resource, StringComparison.Ordinal);

    private static ApiResource Ns(string name, string group, string kind, params string[] shortNames) =>
        new(name, group, ["v1"], kind, true, [.. shortNames]);

    private static ApiResource Cluster(string name, string group, string kind, params string[] shortNames) =>
        new(name, group, ["v1"], kind, false, [.. shortNames]);
}
