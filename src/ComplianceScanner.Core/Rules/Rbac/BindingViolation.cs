using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>What one binding grants a subject beyond a boundary: the grants, and per duty the disallowed permissions.</summary>
internal sealed record BindingViolation(
    RbacBinding Binding,
    ImmutableArray<Grant> Grants,
    ImmutableSortedDictionary<string, ImmutableArray<PolicyRule>> Duties)
{
    public string? Namespace => Binding.Metadata.Namespace;

    /// <summary>The finding key: the duty names, sorted, comma-joined.</summary>
    public string Key => string.Join(',', Duties.Keys);
}
