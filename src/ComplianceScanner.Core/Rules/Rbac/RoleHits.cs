using System.Collections.Immutable;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>What one rule found in one role's rules (memoised per role by <see cref="RoleAnalysisCache{T}"/>).</summary>
/// <typeparam name="T">The rule's per-rule finding.</typeparam>
internal sealed record RoleHits<T>(ImmutableArray<T> Hits)
{
    public bool IsEmpty => Hits.IsEmpty;
}
