using System.Collections.Immutable;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Delivery;

/// <summary>The <c>email</c> variable of <c>templates/email/report.html.sbn</c> (members in snake_case).</summary>
public sealed record EmailView
{
    public required string Subject { get; init; }

    public required string Schedule { get; init; }

    /// <summary>Who it is for, as a phrase: "the security layer", "team shop", "the named recipients".</summary>
    public required string Audience { get; init; }

    /// <summary><c>full</c>, <c>digest</c> or <c>new-findings</c>.</summary>
    public required string Content { get; init; }

    /// <summary>The window start, ISO 8601 UTC.</summary>
    public required string WindowStart { get; init; }

    /// <summary>What changed for this audience since its last report; null for its first report with nothing to compare.</summary>
    public ReportDrift? Changes { get; init; }

    /// <summary>When the scan of the last report finished (ISO 8601 UTC); null when the comparison is with the previous scan instead.</summary>
    public string? Since { get; init; }

    public ImmutableArray<AttachmentView> Attachments { get; init; } = [];
}
