using System.Collections.Immutable;

namespace ComplianceScanner.Core.Reporting;

/// <summary>A team's view: its boundaries, the namespaces seen for it, and its findings (ids into the findings list).</summary>
public sealed record ReportTeam
{
    public required string Name { get; init; }

    public ImmutableArray<string> Namespaces { get; init; } = [];

    public ImmutableArray<string> NamespacePatterns { get; init; } = [];

    public ImmutableArray<string> Hosts { get; init; } = [];

    public ImmutableArray<string> IngressClasses { get; init; } = [];

    public ImmutableArray<string> Duties { get; init; } = [];

    public ImmutableArray<string> Subjects { get; init; } = [];

    public bool RequireTls { get; init; }

    public int IngressCount { get; init; }

    public ImmutableArray<ReportCount> BySeverity { get; init; } = [];

    public ImmutableArray<string> FindingIds { get; init; } = [];
}
