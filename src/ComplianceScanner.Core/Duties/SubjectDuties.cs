using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Duties;

/// <summary>
/// Everything the duty analysis knows about one subject: its declaration (layer/team verdict) and every duty it holds,
/// per scope, with the covering grants. One row of the "who can do what" matrix.
/// </summary>
/// <param name="Subject">The subject, canonical.</param>
/// <param name="Declaration">What scanner.yaml says about it.</param>
/// <param name="Holdings">Held duties, sorted by duty name, then cluster-wide before namespaces, namespaces by name.</param>
public sealed record SubjectDuties(Subject Subject, SubjectDeclaration Declaration, ImmutableArray<DutyHolding> Holdings)
{
    public bool HoldsAny => !Holdings.IsEmpty;

    /// <summary>Every held permission is allowed where it is held (no SOD-RBAC-001/002/003/005 finding).</summary>
    public bool IsCompliant => Holdings.All(h => h.IsCompliant);

    /// <summary>Names of the held duties, sorted.</summary>
    public ImmutableArray<string> DutyNames => [.. Holdings.Select(h => h.Duty).Distinct(StringComparer.Ordinal)];

    /// <summary>The holdings of one duty (cluster-wide first).</summary>
    public IEnumerable<DutyHolding> Of(string duty) => Holdings.Where(h => string.Equals(h.Duty, duty, StringComparison.Ordinal));

    /// <summary>
    /// True when the subject holds the duty in the scope: cluster-wide, or in <paramref name="ns"/> (which a
    /// cluster-wide holding covers). With a null <paramref name="ns"/>, only a cluster-wide holding counts.
    /// </summary>
    public bool Holds(string duty, string? ns) =>
        Holdings.Any(h => string.Equals(h.Duty, duty, StringComparison.Ordinal) && (h.Namespace is null || (ns is not null && h.Namespace == ns)));
}
