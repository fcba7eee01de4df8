namespace ComplianceScanner.Core.Permissions;

/// <summary>Why a binding's roleRef resolves to no role.</summary>
public enum DanglingReason
{
    /// <summary>A RoleBinding references a Role that does not exist in the binding's namespace.</summary>
    RoleNotFound,

    /// <summary>The referenced ClusterRole does not exist.</summary>
    ClusterRoleNotFound,

    /// <summary>A ClusterRoleBinding references a Role, which can never resolve (a Role needs a namespace).</summary>
    RoleInClusterBinding,

    /// <summary>The roleRef kind is neither Role nor ClusterRole.</summary>
    UnsupportedKind,
}
