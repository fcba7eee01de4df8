namespace ComplianceScanner.Core.Model;

/// <summary>A binding's roleRef: kind (Role or ClusterRole) and name.</summary>
public sealed record RoleRef(string Kind, string Name)
{
    public bool IsClusterRole => string.Equals(Kind, "ClusterRole", StringComparison.Ordinal);

    public override string ToString() => $"{Kind}/{Name}";
}
