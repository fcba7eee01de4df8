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

    /// <summary>Its effective rules that go beyond read-only, in order.</summary>
    public List<ResolvedRule> Rules { get; } = [];

    /// <summary>Why, for each of <see cref="Rules"/>.</summary>
    public List<ImmutableArray<string>> RuleReasons { get; } = [];
}
