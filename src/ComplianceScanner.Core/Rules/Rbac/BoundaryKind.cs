namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>Which boundary a disallowed permission crosses, and so which rule reports it.</summary>
internal enum BoundaryKind
{
    /// <summary>SOD-RBAC-001: the subject is declared nowhere.</summary>
    Undeclared,

    /// <summary>SOD-RBAC-002: no duty describing it belongs to the subject's layer or team.</summary>
    OutsideLayer,

    /// <summary>SOD-RBAC-003: a duty of the subject's team describes it, but the scope is not one of the team's namespaces.</summary>
    OutsideNamespaces,

    /// <summary>SOD-RBAC-005: the subject is an implicit group (or the anonymous user) declared nowhere.</summary>
    Broad,
}
