using System.Collections.Immutable;

namespace ComplianceScanner.Core.Layers;

/// <summary><c>reports:</c>: scheduled e-mail reports to the security layer, each team, or named recipients; see docs/reports.md.</summary>
public sealed record ReportSettings
{
    /// <summary>Attachments larger than this in total are replaced by links to the agent's API (10 MiB unless configured).</summary>
    public const long DefaultMaxAttachmentBytes = 10L * 1024 * 1024;

    public required SmtpSettings Smtp { get; init; }

    /// <summary>The agent's API base URL (e.g. <c>https://scanner.example.com</c>), linked instead of oversized attachments; null when unknown.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>The most attachment bytes one message carries; larger attachments become links.</summary>
    public long MaxAttachmentBytes { get; init; } = DefaultMaxAttachmentBytes;

    public ImmutableArray<ReportSchedule> Schedules { get; init; } = [];
}
