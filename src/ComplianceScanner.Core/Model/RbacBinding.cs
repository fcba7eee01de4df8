using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>A RoleBinding (namespaced) or ClusterRoleBinding.</summary>
public sealed record RbacBinding : KubeObject
{
    public override string Kind => IsClusterBinding ? "ClusterRoleBinding" : "RoleBinding";

    public bool IsClusterBinding => Metadata.Namespace is null;

    public required RoleRef RoleRef { get; init; }

    public ImmutableArray<Subject> Subjects { get; init; } = [];
}
