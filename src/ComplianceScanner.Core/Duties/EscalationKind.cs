namespace ComplianceScanner.Core.Duties;

/// <summary>How a subject can obtain a duty it does not hold.</summary>
public enum EscalationKind
{
    /// <summary><c>bind</c> on roles plus write on bindings: bind any role (or the named ones) without holding its permissions.</summary>
    Bind,

    /// <summary><c>escalate</c> on roles plus write on roles: give a role permissions beyond one's own.</summary>
    Escalate,

    /// <summary><c>impersonate</c> a service account: act with its permissions (and its implicit groups').</summary>
    ImpersonateServiceAccount,

    /// <summary><c>impersonate</c> users: act as any (or a named) user.</summary>
    ImpersonateUser,

    /// <summary><c>impersonate</c> groups: act as a member of any (or a named) group, <c>system:masters</c> included.</summary>
    ImpersonateGroup,

    /// <summary>Create pods or workloads in a namespace: they run as any of its service accounts (service-account theft).</summary>
    WorkloadCreate,

    /// <summary><c>create serviceaccounts/token</c>: obtain a token of a service account.</summary>
    TokenCreate,
}
