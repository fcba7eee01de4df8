namespace ComplianceScanner.Core.Model;

/// <summary>Identifies one object of the snapshot: kind, namespace (null when cluster-scoped) and name.</summary>
public sealed record ObjectReference(string Kind, string? Namespace, string Name) : IComparable<ObjectReference>
{
    /// <summary><c>Kind/namespace/name</c> or <c>Kind/name</c>: the form used in fingerprints and reports.</summary>
    public override string ToString() => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";

    /// <summary><c>namespace/name</c> or <c>name</c>: the form used in exceptions.</summary>
    public string QualifiedName => Namespace is null ? Name : $"{Namespace}/{Name}";

    public int CompareTo(ObjectReference? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(Kind, other.Kind);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(Namespace ?? string.Empty, other.Namespace ?? string.Empty);
        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    public static ObjectReference For(string kind, ObjectMeta meta) => new(kind, meta.Namespace, meta.Name);
}
