using ComplianceScanner.Rendering.Html;
using ComplianceScanner.Rendering.Sarif;

namespace ComplianceScanner.Rendering;

/// <summary>
/// Every format the scanner writes, all from the same report model. Text formats come from templates (users can adapt
/// them with --templates); JSON and SARIF are serialized by code so their structure cannot drift from their schemas.
/// </summary>
public static class ReportFormats
{
    public static IReadOnlyList<ReportFormat> All { get; } =
    [
        new("html", "report.html", (r, t) => new HtmlReportRenderer(t).Render(r), UsesTemplates: true),
        new("json", "report.json", (r, _) => ReportJson.Serialize(r), UsesTemplates: false) { WriteTo = ReportJson.Serialize },
        new("sarif", "report.sarif", (r, _) => SarifWriter.Write(r), UsesTemplates: false),
        new("junit", "report.junit.xml", (r, t) => t.Render("report.junit.xml.sbn", new HtmlReportModel(r, ReportView.From(r))), UsesTemplates: true),
        new("markdown", "report.md", (r, t) => t.Render("report.md.sbn", new HtmlReportModel(r, ReportView.From(r))), UsesTemplates: true),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    public static ReportFormat? Find(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
