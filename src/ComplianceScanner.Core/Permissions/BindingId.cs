namespace ComplianceScanner.Core.Permissions;

/// <summary>Identity of a binding in the index: ClusterRoleBinding name, or RoleBinding namespace and name.</summary>
internal readonly record struct BindingId(bool IsCluster, string Namespace, string Name);
