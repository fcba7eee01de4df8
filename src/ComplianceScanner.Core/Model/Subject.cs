namespace ComplianceScanner.Core.Model;

/// <summary>An RBAC subject: User, Group or ServiceAccount (with namespace).</summary>
public sealed record Subject(string Kind, string Name, string? Namespace = null) : IComparable<Subject>
{
    public const string UserKind = "User";
    public const string GroupKind = "Group";
    public const string ServiceAccountKind = "ServiceAccount";

    public static Subject User(string name) => new(UserKind, name);

    public static Subject Group(string name) => new(GroupKind, name);

    public static Subject ServiceAccount(string ns, string name) => new(ServiceAccountKind, name, ns);

    /// <summary>The user name the authorizer sees for this subject (service accounts become <c>system:serviceaccount:ns:name</c>).</summary>
    public string UserName => Kind == ServiceAccountKind ? $"system:serviceaccount:{Namespace}:{Name}" : Name;

    /// <summary><c>Kind:name</c>, or <c>ServiceAccount:ns/name</c>: the form the CLI accepts.</summary>
    public override string ToString() => Kind == ServiceAccountKind ? $"{Kind}:{Namespace}/{Name}" : $"{Kind}:{Name}";

    public int CompareTo(Subject? other) => other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());
}
