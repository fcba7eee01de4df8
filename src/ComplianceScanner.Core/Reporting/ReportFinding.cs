using System.Collections.Immutable;

namespace ComplianceScanner.Core.Reporting;

/// <summary>A finding as reports show it: plain strings, no enums, nothing that needs the Core types to read.</summary>
public sealed record ReportFinding
{
    /// <summary>The stable fingerprint.</summary>
    public required string Id { get; init; }

    public required string RuleId { get; init; }

    public required string Title { get; init; }

    public required string Severity { get; init; }

    public required string Layer { get; init; }

    /// <summary><c>open</c>, <c>excepted</c> or <c>builtin</c> (about a Kubernetes built-in or vendor identity; not counted as open).</summary>
    public required string State { get; init; }

    public required string Message { get; init; }

    public required string Remediation { get; init; }

    public ReportObject? Object { get; init; }

    /// <summary>What distinguishes this finding from others of the same rule on the same object (a host, an annotation).</summary>
    public string Key { get; init; } = string.Empty;

    public string? Subject { get; init; }

    public string? Namespace { get; init; }

    public string? Team { get; init; }

    public ImmutableArray<ReportEvidence> Evidence { get; init; } = [];

    public ReportSource? Source { get; init; }

    public ReportAppliedException? Exception { get; init; }

    /// <summary>Relative link to the rule's documentation page.</summary>
    public required string DocUrl { get; init; }
}
