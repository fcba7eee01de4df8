namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// Report order of grants: <c>system:masters</c> first, then by subject, then evaluation order of the binding
/// (ClusterRoleBindings, then RoleBindings by namespace and name), then rule index.
/// </summary>
internal sealed class GrantOrder : IComparer<Grant>
{
    public static GrantOrder Instance { get; } = new();

    public int Compare(Grant? x, Grant? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        if (x.Kind != y.Kind)
        {
            return x.Kind == GrantKind.SystemMasters ? -1 : 1;
        }

        var c = SubjectOrder.Instance.Compare(x.Subject, y.Subject);
        if (c != 0 || x.Binding is null || y.Binding is null)
        {
            return c;
        }

        if (x.Binding.IsClusterBinding != y.Binding.IsClusterBinding)
        {
            return x.Binding.IsClusterBinding ? -1 : 1;
        }

        c = string.CompareOrdinal(x.Binding.Metadata.Namespace, y.Binding.Metadata.Namespace);
        if (c == 0)
        {
            c = string.CompareOrdinal(x.Binding.Metadata.Name, y.Binding.Metadata.Name);
        }

        return c != 0 ? c : x.RuleIndex.CompareTo(y.RuleIndex);
    }
}
