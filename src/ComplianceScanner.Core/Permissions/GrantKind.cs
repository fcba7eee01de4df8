namespace ComplianceScanner.Core.Permissions;

/// <summary>Where a grant comes from.</summary>
public enum GrantKind
{
    /// <summary>A RoleBinding or ClusterRoleBinding naming the subject.</summary>
    Binding,

    /// <summary>Membership of <c>system:masters</c>, which the API server allows everything before RBAC is consulted.</summary>
    SystemMasters,
}
