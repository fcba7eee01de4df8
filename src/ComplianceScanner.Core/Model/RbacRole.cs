using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>A Role (namespaced) or ClusterRole.</summary>
public sealed record RbacRole : KubeObject
{
    public override string Kind => IsClusterRole ? "ClusterRole" : "Role";

    public bool IsClusterRole => Metadata.Namespace is null;

    public ImmutableArray<PolicyRule> Rules { get; init; } = [];

    /// <summary>ClusterRole aggregation selectors; empty when the role is not aggregated.</summary>
    public ImmutableArray<LabelSelector> AggregationSelectors { get; init; } = [];

    public bool IsAggregated => !AggregationSelectors.IsEmpty;
}
