using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Duties;

/// <summary>
/// The probes each resolved role rule covers, computed once per rule (by identity) and scope kind: a ClusterRole bound
/// in ten thousand namespaces is checked once.
/// </summary>
internal sealed class RuleMemo
{
    public Dictionary<ResolvedRule, List<(Probe, ImmutableArray<PolicyRule>, ImmutableArray<PolicyRule>)>> Namespaced { get; } =
        new(ReferenceEqualityComparer.Instance);

    public Dictionary<ResolvedRule, List<(Probe, ImmutableArray<PolicyRule>, ImmutableArray<PolicyRule>)>> ClusterWide { get; } =
        new(ReferenceEqualityComparer.Instance);
}
