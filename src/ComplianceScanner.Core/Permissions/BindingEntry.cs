using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>A binding as indexed: its resolved role (null when dangling) and its subjects as the authorizer reads them.</summary>
internal sealed class BindingEntry
{
    public BindingEntry(
        RbacBinding binding,
        ResolvedRole? role,
        DanglingBinding? dangling,
        ImmutableArray<Subject?> subjects,
        ImmutableArray<SubjectKey?> keys,
        ImmutableArray<IneffectiveSubject> ineffective,
        ImmutableArray<UnresolvedServiceAccount> unresolvedServiceAccounts)
    {
        Binding = binding;
        IsCluster = binding.IsClusterBinding;
        Namespace = binding.Metadata.Namespace ?? string.Empty;
        Id = new BindingId(IsCluster, Namespace, binding.Metadata.Name);
        Role = role;
        Dangling = dangling;
        Subjects = subjects;
        Keys = keys;
        Ineffective = ineffective;
        UnresolvedServiceAccounts = unresolvedServiceAccounts;
    }

    public RbacBinding Binding { get; }

    public BindingId Id { get; }

    public bool IsCluster { get; }

    /// <summary>The binding's namespace; empty for ClusterRoleBindings.</summary>
    public string Namespace { get; }

    /// <summary>The namespace its grants apply in: null (cluster-wide) for ClusterRoleBindings.</summary>
    public string? GrantNamespace => IsCluster ? null : Namespace;

    public ResolvedRole? Role { get; }

    public DanglingBinding? Dangling { get; }

    /// <summary>Subjects as the authorizer reads them, by subject index; null where a subject can never match.</summary>
    public ImmutableArray<Subject?> Subjects { get; }

    /// <summary>Index keys by subject index; null where a subject can never match.</summary>
    public ImmutableArray<SubjectKey?> Keys { get; }

    public ImmutableArray<IneffectiveSubject> Ineffective { get; }

    public ImmutableArray<UnresolvedServiceAccount> UnresolvedServiceAccounts { get; }

    /// <summary>
    /// Evaluation order: ClusterRoleBindings before RoleBindings (the authorizer visits them first), then namespace and name.
    /// The API server's own order within each list is its cache's and not defined; names make it reproducible.
    /// </summary>
    public static int Compare(BindingEntry a, BindingEntry b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a.IsCluster != b.IsCluster)
        {
            return a.IsCluster ? -1 : 1;
        }

        var c = string.CompareOrdinal(a.Namespace, b.Namespace);
        return c != 0 ? c : string.CompareOrdinal(a.Binding.Metadata.Name, b.Binding.Metadata.Name);
    }

    public static int Compare(Posting a, Posting b)
    {
        var c = Compare(a.Entry, b.Entry);
        return c != 0 ? c : a.SubjectIndex.CompareTo(b.SubjectIndex);
    }
}
