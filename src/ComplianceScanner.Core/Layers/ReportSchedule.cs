using System.Collections.Immutable;

namespace ComplianceScanner.Core.Layers;

/// <summary>One entry of <c>reports.schedules</c>: when a report goes out, to whom, with what.</summary>
public sealed record ReportSchedule
{
    /// <summary>Unique among the schedules; part of every delivery's key and Message-ID.</summary>
    public required string Name { get; init; }

    /// <summary>A Quartz cron expression (seconds first, e.g. <c>0 0 7 ? * MON-FRI</c>), in UTC.</summary>
    public required string Cron { get; init; }

    public required ReportAudience Audience { get; init; }

    public ReportContent Content { get; init; } = ReportContent.Full;

    /// <summary>Attached formats, in attachment order.</summary>
    public ImmutableArray<ReportAttachment> Attach { get; init; } = [ReportAttachment.Html, ReportAttachment.Json];

    /// <summary>True: no message when no finding changed for the audience since its last report.</summary>
    public bool SkipWhenUnchanged { get; init; }
}
