using System.Collections.Immutable;

namespace ComplianceScanner.Core.Diff;

/// <summary>
/// What changed between two scans of one cluster: findings (new, resolved, reopened, newly excepted), tracked
/// objects (Ingress, IngressClass, RBAC) field by field with who changed them, and per subject the duties and the
/// effective permissions gained or lost.
/// </summary>
public sealed record ScanDrift
{
    /// <summary>The later scan's id in the history store; null when it was not recorded.</summary>
    public long? ScanId { get; init; }

    /// <summary>The earlier scan; null when there is none to compare with (the first recorded scan is the baseline).</summary>
    public DriftBaseline? Baseline { get; init; }

    /// <summary>False when the later scan is incomplete: nothing is reported resolved then.</summary>
    public bool Complete { get; init; } = true;

    public FindingDelta Findings { get; init; } = FindingDelta.Empty;

    /// <summary>
    /// False when the objects could not be compared because the earlier scan's snapshot is no longer retained (or there is
    /// no earlier scan); <see cref="ObjectChanges"/>, <see cref="DutyChanges"/> and <see cref="PermissionChanges"/> are empty then.
    /// </summary>
    public bool ObjectsCompared { get; init; }

    public ImmutableArray<ObjectChange> ObjectChanges { get; init; } = [];

    public ImmutableArray<PermissionChange> PermissionChanges { get; init; } = [];

    /// <summary>
    /// Duties gained or lost per subject and scope, judged against the later scan's config (empty when no config was
    /// given). The readable summary of <see cref="PermissionChanges"/>.
    /// </summary>
    public ImmutableArray<DutyChange> DutyChanges { get; init; } = [];
}
