using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Rendering.Html;

namespace ComplianceScanner.Rendering;

/// <summary>
/// Renders the single-file HTML report from <see cref="TemplateName"/> of a <see cref="TemplateSet"/>. The template
/// sees <c>report</c> (the <see cref="ScanReport"/>, members in snake_case) and <c>view</c> (derived values); see
/// docs/reports-format.md.
/// </summary>
public sealed class HtmlReportRenderer(TemplateSet templates)
{
    /// <summary>The template rendered for a report.</summary>
    public const string TemplateName = "report.html.sbn";

    private readonly TemplateSet templates = templates ?? throw new ArgumentNullException(nameof(templates));

    /// <summary>Renders the report.</summary>
    /// <exception cref="TemplateRenderException">The template is missing or fails; the message names file, line and column.</exception>
    public string Render(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return templates.Render(TemplateName, new HtmlReportModel(report, ReportView.From(report)));
    }
}
