using System.Collections.Immutable;

namespace ComplianceScanner.Core.Layers;

/// <summary>Who receives a scheduled report: the security layer's contacts, each team (its own contacts, its own findings), or named recipients.</summary>
public sealed record ReportAudience
{
    public static ReportAudience Security { get; } = new() { Kind = ReportAudienceKind.Security };

    public static ReportAudience Teams { get; } = new() { Kind = ReportAudienceKind.Teams };

    public required ReportAudienceKind Kind { get; init; }

    /// <summary>The addresses of <see cref="ReportAudienceKind.Recipients"/>; empty otherwise.</summary>
    public ImmutableArray<string> Recipients { get; init; } = [];
}
