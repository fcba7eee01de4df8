using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>A grant that covers part of a described permission (a duty rule), and which of its atomic tuples it covers.</summary>
/// <param name="Grant">The grant, with its chain.</param>
/// <param name="Covered">Tuples of the described rule (see <see cref="RuleCoverage.Breakdown"/>) the grant covers.</param>
/// <param name="CoveredForNamesOnly">
/// Nameless tuples the grant would cover but for its resourceNames: the subject can do it to the named objects only.
/// Empty unless asked for.
/// </param>
public sealed record DutyCoverage(Grant Grant, ImmutableArray<PolicyRule> Covered, ImmutableArray<PolicyRule> CoveredForNamesOnly)
{
    public Subject Subject => Grant.Subject;

    /// <summary>The grant covers at least one tuple without a resourceNames restriction.</summary>
    public bool IsFull => !Covered.IsEmpty;
}
