using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Duties;

/// <summary>Evaluation order of bindings: ClusterRoleBindings first, then RoleBindings by namespace; each by name.</summary>
internal sealed class BindingOrder : IComparer<RbacBinding?>
{
    public static BindingOrder Instance { get; } = new();

    public int Compare(RbacBinding? x, RbacBinding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        if (x.IsClusterBinding != y.IsClusterBinding)
        {
            return x.IsClusterBinding ? -1 : 1;
        }

        var c = string.CompareOrdinal(x.Metadata.Namespace, y.Metadata.Namespace);
        return c != 0 ? c : string.CompareOrdinal(x.Metadata.Name, y.Metadata.Name);
    }
}
