using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Duties;

/// <summary>
/// One way a subject can obtain duties it does not hold: the permission that opens the path (with its chain), the
/// second permission the path needs, where it is used, whose permissions it yields, and the duties reached.
/// </summary>
/// <param name="Kind">The kind of path.</param>
/// <param name="Grant">The subject's grant that opens the path.</param>
/// <param name="Companion">
/// The other permission the path needs, when it needs one: write on bindings for <c>bind</c>, write on roles for
/// <c>escalate</c>, impersonating a user or service account for impersonating groups.
/// </param>
/// <param name="Namespace">Where the subject uses the path (creates the pod, writes the binding); null for cluster-wide.</param>
/// <param name="Target">
/// Whose permissions the path yields: <c>ServiceAccount:shop/storefront</c>, <c>Group:system:serviceaccounts:legacy</c>
/// (every service account of the namespace), <c>User:alice</c>, <c>Group:system:masters</c>, <c>ClusterRole/x</c>, or
/// <c>any role</c>.
/// </param>
/// <param name="Duties">The duties reached, by duty then scope.</param>
public sealed record EscalationPath(
    EscalationKind Kind,
    Grant Grant,
    Grant? Companion,
    string? Namespace,
    string Target,
    ImmutableArray<EscalatedDuty> Duties)
{
    /// <summary>The binding that opens the path.</summary>
    public RbacBinding Binding => Grant.Binding!;

    /// <summary>The path in words, e.g. <c>create pods in namespace shop, which run as ServiceAccount:shop/storefront</c>.</summary>
    public string Description
    {
        get
        {
            var where = Namespace is null ? "in every namespace" : $"in namespace {Namespace}";
            return Kind switch
            {
                EscalationKind.Bind => $"bind {Target} {where} (bind on roles, and write on bindings)",
                EscalationKind.Escalate => $"write roles beyond its own permissions {where} (escalate on roles, and write on roles)",
                EscalationKind.ImpersonateServiceAccount => $"impersonate {Target}",
                EscalationKind.ImpersonateUser => $"impersonate {Target}",
                EscalationKind.ImpersonateGroup => $"impersonate {Target}",
                EscalationKind.WorkloadCreate => $"create pods or workloads {where}, which run as {Target}",
                EscalationKind.TokenCreate => $"create a token of {Target}",
                _ => Kind.ToString(),
            };
        }
    }
}
