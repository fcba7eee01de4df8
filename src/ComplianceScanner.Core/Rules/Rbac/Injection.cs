using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>What one non-built-in ClusterRole injects into built-in aggregated roles (SOD-RBAC-014), being collected.</summary>
internal sealed class Injection(RbacRole role)
{
    public RbacRole Role { get; } = role;

    /// <summary>The built-in aggregated roles whose selector picks it.</summary>
    public SortedSet<string> Selectors { get; } = new(StringComparer.Ordinal);

    /// <summary>The built-in aggregated roles that end up with its rules (the selectors and what aggregates them).</summary>
    public SortedSet<string> Holders { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Reasons { get; } = new(StringComparer.Ordinal);

    /// <summary>Its rules beyond read-only, by origin role and rule index (each once, however many roles hold it).</summary>
    public SortedDictionary<(string Origin, int Index), (ResolvedRule Rule, ImmutableArray<string> Reasons)> Rules { get; } = [];
}
