namespace ComplianceScanner.Core.Layers;

/// <summary>A report format attached to a scheduled message.</summary>
public enum ReportAttachment
{
    /// <summary>The self-contained HTML report (report.html).</summary>
    Html,

    /// <summary>The JSON report (report.json, docs/report.schema.json).</summary>
    Json,

    /// <summary>The Markdown summary (report.md).</summary>
    Markdown,
}
