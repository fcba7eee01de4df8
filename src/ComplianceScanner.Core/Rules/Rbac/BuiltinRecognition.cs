using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// Recognises Kubernetes built-in identities and vendor-managed RBAC by labels and name prefixes (never by a list of
/// names), so their findings are shown as built-in rather than silenced or counted as the user's own violations.
/// </summary>
public static class BuiltinRecognition
{
    /// <summary>Labels that mark an object as shipped by Kubernetes or by a managed platform, with the value required (null = any).</summary>
    public static IReadOnlyList<(string Key, string? Value)> BuiltinLabels { get; } =
    [
        ("kubernetes.io/bootstrapping", "rbac-defaults"),
        ("eks.amazonaws.com/component", null),
        ("addonmanager.kubernetes.io/mode", null),
        ("components.gke.io/component-name", null),
        ("kubernetes.azure.com/managedby", null),
    ];

    /// <summary>
    /// Implicit groups and the anonymous user: they name "everyone" of some kind, so grants to them are never
    /// filtered as built-in even though their names start with <c>system:</c>.
    /// </summary>
    public static bool IsBroadIdentity(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.Kind switch
        {
            Subject.GroupKind => subject.Name is UserInfo.AuthenticatedGroup or UserInfo.UnauthenticatedGroup or UserInfo.ServiceAccountsGroup
                || subject.Name.StartsWith(UserInfo.ServiceAccountNamespaceGroupPrefix, StringComparison.Ordinal),
            Subject.UserKind => subject.Name == UserInfo.AnonymousUser,
            _ => false,
        };
    }

    /// <summary>
    /// A Kubernetes component identity: a <c>system:</c> user or group that is not a broad identity
    /// (<c>system:kube-controller-manager</c>, <c>system:nodes</c>, <c>system:masters</c>), or a service account of kube-system.
    /// </summary>
    public static bool IsBuiltinSubject(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (IsBroadIdentity(subject))
        {
            return false;
        }

        return subject.Kind == Subject.ServiceAccountKind
            ? subject.Namespace == "kube-system"
            : subject.Name.StartsWith("system:", StringComparison.Ordinal);
    }

    /// <summary>An RBAC object shipped by Kubernetes or a managed platform: labelled so, or named <c>system:*</c>.</summary>
    public static bool IsBuiltinObject(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.Metadata.Name.StartsWith("system:", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var (key, value) in BuiltinLabels)
        {
            if (obj.Metadata.Labels.TryGetValue(key, out var actual) && (value is null || actual == value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A grant is built-in when its binding is built-in (the role it names then is too, or is the platform's choice).</summary>
    public static bool IsBuiltinGrant(Grant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return grant.Kind == GrantKind.SystemMasters || (grant.Binding is { } b && IsBuiltinObject(b));
    }
}
