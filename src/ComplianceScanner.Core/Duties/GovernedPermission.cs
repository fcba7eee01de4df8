using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Duties;

/// <summary>
/// One atomic permission (one verb on one group and resource, or one verb on one URL) that some duty describes, with
/// every duty that describes it. A subject may hold it where at least one of those duties is allowed to it (S2).
/// </summary>
/// <param name="Tuple">The atomic permission, as <see cref="Permissions.RuleCoverage.Breakdown"/> yields it.</param>
/// <param name="Duties">Names of the duties describing it, sorted.</param>
public sealed record GovernedPermission(PolicyRule Tuple, ImmutableArray<string> Duties);
