namespace ComplianceScanner.Core.Duties;

/// <summary>RBAC permissions that open a path into duties a subject does not hold (SOD-RBAC-006).</summary>
public enum Capability
{
    /// <summary><c>create</c> pods or workload controllers (pods run as any service account of their namespace).</summary>
    WorkloadCreate,

    /// <summary><c>create serviceaccounts/token</c>: a token of the service account.</summary>
    TokenCreate,

    /// <summary><c>impersonate serviceaccounts</c>.</summary>
    ImpersonateServiceAccounts,

    /// <summary><c>impersonate users</c>.</summary>
    ImpersonateUsers,

    /// <summary><c>impersonate groups</c> (with <c>system:masters</c> among the groups one may name).</summary>
    ImpersonateGroups,

    /// <summary><c>bind</c> on roles or clusterroles: bind a role without holding its permissions.</summary>
    Bind,

    /// <summary><c>escalate</c> on roles or clusterroles: write a role beyond one's own permissions.</summary>
    Escalate,

    /// <summary><c>create</c>, <c>update</c> or <c>patch</c> RoleBindings or ClusterRoleBindings (what <c>bind</c> needs).</summary>
    BindingWrite,

    /// <summary><c>create</c>, <c>update</c> or <c>patch</c> Roles or ClusterRoles (what <c>escalate</c> needs).</summary>
    RoleWrite,

    /// <summary><c>create serviceaccounts</c>: a pod may then run as a service account that did not exist yet.</summary>
    ServiceAccountCreate,
}
