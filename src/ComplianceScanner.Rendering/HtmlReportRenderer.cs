using System.Text;
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

    /// <summary>
    /// Writes <see cref="Render(ScanReport)"/>, UTF-8 without a byte order mark, to <paramref name="utf8"/> as the
    /// template runs: the HTML of a large cluster (over 100 MiB) is never held as one string.
    /// </summary>
    /// <exception cref="TemplateRenderException">The template is missing or fails; part of the output may have been written.</exception>
    public void RenderTo(ScanReport report, Stream utf8)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(utf8);
        using var writer = new StreamWriter(utf8, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        templates.RenderTo(TemplateName, new HtmlReportModel(report, ReportView.From(report)), writer);
    }

    /// <summary>
    /// Renders the report of one team (<see cref="TeamReport.For"/>): the same template over the report cut down to
    /// the team's findings, with <c>view.scope_team</c> set, so the file can be sent to that team alone.
    /// </summary>
    /// <exception cref="ArgumentException">The report has no team of that name.</exception>
    /// <exception cref="TemplateRenderException">The template is missing or fails.</exception>
    public string RenderTeam(ScanReport report, string team)
    {
        ArgumentNullException.ThrowIfNull(report);
        var scoped = TeamReport.For(report, team);
        return templates.Render(TemplateName, new HtmlReportModel(scoped, ReportView.From(scoped, team)));
    }

    /// <summary>One file per team of the report, named by <see cref="TeamReport.FileName"/>, in configuration order.</summary>
    public IReadOnlyList<(string FileName, string Content)> RenderPerTeam(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Teams.Select(t => (TeamReport.FileName(t.Name), RenderTeam(report, t.Name)))];
    }
}
