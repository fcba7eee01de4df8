using System.Collections.Frozen;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Duties;

/// <summary>
/// Built-in resources that are cluster-scoped. A RoleBinding grants only requests inside its namespace, so its rules on
/// these resources can never be used: they hold no duty. The permission engine has no discovery, so the table is the
/// Kubernetes API's own list (v1.33); custom resources are treated as namespaced, which can only over-report.
/// </summary>
public static class ClusterScopedResources
{
    private const string Rbac = "rbac.authorization.k8s.io";

    // Not "namespaces": the API server sets the namespace of a request on a Namespace object to that namespace, so a
    // RoleBinding in "shop" does allow "get namespaces/shop".
    private static readonly FrozenSet<(string Group, string Resource)> Known = new (string, string)[]
    {
        (string.Empty, "nodes"),
        (string.Empty, "persistentvolumes"),
        (string.Empty, "componentstatuses"),
        (string.Empty, "users"),
        (string.Empty, "groups"),
        (string.Empty, "uids"),
        (Rbac, "clusterroles"),
        (Rbac, "clusterrolebindings"),
        ("networking.k8s.io", "ingressclasses"),
        ("networking.k8s.io", "ipaddresses"),
        ("networking.k8s.io", "servicecidrs"),
        ("admissionregistration.k8s.io", "validatingwebhookconfigurations"),
        ("admissionregistration.k8s.io", "mutatingwebhookconfigurations"),
        ("admissionregistration.k8s.io", "validatingadmissionpolicies"),
        ("admissionregistration.k8s.io", "validatingadmissionpolicybindings"),
        ("admissionregistration.k8s.io", "mutatingadmissionpolicies"),
        ("admissionregistration.k8s.io", "mutatingadmissionpolicybindings"),
        ("apiextensions.k8s.io", "customresourcedefinitions"),
        ("apiregistration.k8s.io", "apiservices"),
        ("storage.k8s.io", "storageclasses"),
        ("storage.k8s.io", "csidrivers"),
        ("storage.k8s.io", "csinodes"),
        ("storage.k8s.io", "volumeattachments"),
        ("storage.k8s.io", "volumeattributesclasses"),
        ("scheduling.k8s.io", "priorityclasses"),
        ("node.k8s.io", "runtimeclasses"),
        ("certificates.k8s.io", "certificatesigningrequests"),
        ("certificates.k8s.io", "clustertrustbundles"),
        ("flowcontrol.apiserver.k8s.io", "flowschemas"),
        ("flowcontrol.apiserver.k8s.io", "prioritylevelconfigurations"),
        ("authentication.k8s.io", "tokenreviews"),
        ("authentication.k8s.io", "selfsubjectreviews"),
        ("authorization.k8s.io", "subjectaccessreviews"),
        ("authorization.k8s.io", "selfsubjectaccessreviews"),
        ("authorization.k8s.io", "selfsubjectrulesreviews"),
        ("resource.k8s.io", "deviceclasses"),
        ("resource.k8s.io", "resourceslices"),
    }.ToFrozenSet();

    /// <summary>True when the resource (or the resource of a <c>resource/subresource</c>) is a built-in cluster-scoped one.</summary>
    public static bool IsClusterScoped(string apiGroup, string resource)
    {
        ArgumentNullException.ThrowIfNull(apiGroup);
        ArgumentNullException.ThrowIfNull(resource);
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        return Known.Contains((apiGroup, slash < 0 ? resource : resource[..slash]));
    }

    /// <summary>
    /// True when a grant of a RoleBinding can never use this atomic tuple (one verb, group and resource, or one URL):
    /// non-resource URLs, and cluster-scoped resources, except <c>bind</c> on ClusterRoles, which the API server checks in
    /// the namespace of the RoleBinding being written.
    /// </summary>
    public static bool IsInertInNamespace(PolicyRule tuple)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        if (!tuple.NonResourceUrls.IsEmpty)
        {
            return true;
        }

        if (tuple.ApiGroups.Length != 1 || tuple.Resources.Length != 1)
        {
            return false;
        }

        var group = tuple.ApiGroups[0];
        var resource = tuple.Resources[0];
        if (group == Rbac && resource == "clusterroles" && tuple.Verbs.Length == 1 && tuple.Verbs[0] == "bind")
        {
            return false;
        }

        return IsClusterScoped(group, resource);
    }
}
