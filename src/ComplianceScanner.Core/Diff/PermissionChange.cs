namespace ComplianceScanner.Core.Diff;

/// <summary>A permission a subject gained or lost between two snapshots.</summary>
public sealed record PermissionChange(PermissionTuple Permission, bool Gained)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Gained ? "+" : "-")} {Permission}";
}
