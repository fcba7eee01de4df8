namespace ComplianceScanner.Deploy.Tests;

/// <summary>
/// One verb on one resource that a binding gives a subject (<c>ServiceAccount:ns/name</c>), where (the RoleBinding's
/// namespace; null for a ClusterRoleBinding, cluster-wide), and through which role.
/// </summary>
public sealed record RbacGrant(string Subject, string? Namespace, string Group, string Resource, string Verb, IReadOnlyList<string> ResourceNames, string Role)
{
    public bool ClusterWide => Namespace is null;

    public override string ToString() =>
        $"{Subject}: {Verb} {Resource} ({(Group.Length == 0 ? "core" : Group)}) {(ClusterWide ? "cluster-wide" : "in " + Namespace)}"
        + (ResourceNames.Count > 0 ? $" named {string.Join(",", ResourceNames)}" : string.Empty) + $" via {Role}";
}
