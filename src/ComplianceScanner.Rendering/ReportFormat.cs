using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering;

/// <summary>One output format: its name on the command line, the file it is written to, and how it is rendered.</summary>
public sealed record ReportFormat(string Name, string FileName, Func<ScanReport, TemplateSet, string> Render, bool UsesTemplates)
{
    /// <summary>
    /// Writes what <see cref="Render"/> returns, UTF-8 encoded, straight to a stream (null when the format has no such
    /// writer): for large reports, whose text would otherwise be held in memory whole. The template set is null for a
    /// format that does not use templates.
    /// </summary>
    public Action<ScanReport, TemplateSet?, Stream>? WriteTo { get; init; }
}
