using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Duties;

/// <summary>One grant through which a subject holds a duty, with the duty's permissions it covers.</summary>
/// <param name="Grant">The grant with its chain (subject -> binding -> role (-> aggregated source) -> rule).</param>
/// <param name="Covered">Atomic permissions of the duty the grant covers in its scope (never limited to resourceNames).</param>
/// <param name="Disallowed">
/// Those of <paramref name="Covered"/> that no duty allowed to the subject in this scope describes (S2): empty when the
/// grant is within the subject's boundaries.
/// </param>
public sealed record DutyGrant(Grant Grant, ImmutableArray<PolicyRule> Covered, ImmutableArray<PolicyRule> Disallowed)
{
    public bool IsAllowed => Disallowed.IsEmpty;

    /// <summary>The binding that grants it.</summary>
    public RbacBinding Binding => Grant.Binding!;
}
