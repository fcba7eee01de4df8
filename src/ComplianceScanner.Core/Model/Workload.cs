using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>A pod-template workload (Deployment, DaemonSet, StatefulSet): who it runs as and what it runs.</summary>
public sealed record Workload : KubeObject
{
    private readonly string kind = "Deployment";

    public override string Kind => kind;

    /// <summary>Sets the workload kind (Deployment, DaemonSet, StatefulSet, Pod...).</summary>
    public string WorkloadKind { get => kind; init => kind = value; }

    public string ServiceAccountName { get; init; } = "default";

    public ImmutableArray<WorkloadContainer> Containers { get; init; } = [];
}
