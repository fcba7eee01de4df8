using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>A container of a workload: image and arguments (controllers take their class and ConfigMap as flags).</summary>
public sealed record WorkloadContainer(string Name, string Image, ImmutableArray<string> Args);
