using ComplianceScanner.Rendering.Html;
using ComplianceScanner.Rendering.PolicyReports;
using ComplianceScanner.Rendering.Sarif;

namespace ComplianceScanner.Rendering;

/// <summary>
/// Every format the scanner writes, all from the same report model. Text formats come from templates (users can adapt
/// them with --templates); JSON, SARIF and PolicyReport are built by code so their structure cannot drift from their
/// schemas (and PolicyReports must be measured to stay under the object size limit).
/// </summary>
public static class ReportFormats
{
    /// <summary>Every format, in the order <c>scan --format</c> lists them.</summary>
    public static IReadOnlyList<ReportFormat> All { get; } =
    [
        new("html", "report.html", (r, t) => new HtmlReportRenderer(t).Render(r), UsesTemplates: true)
        {
            WriteTo = (r, t, stream) => new HtmlReportRenderer(t ?? throw new ArgumentNullException(nameof(t))).RenderTo(r, stream),
        },
        new("json", "report.json", (r, _) => ReportJson.Serialize(r), UsesTemplates: false) { WriteTo = (r, _, stream) => ReportJson.Serialize(r, stream) },
        new("sarif", "report.sarif", (r, _) => SarifWriter.Write(r), UsesTemplates: false),
        new("junit", "report.junit.xml", (r, t) => t.Render("report.junit.xml.sbn", new HtmlReportModel(r, ReportView.From(r))), UsesTemplates: true),
        new("markdown", "report.md", (r, t) => t.Render("report.md.sbn", new HtmlReportModel(r, ReportView.From(r))), UsesTemplates: true),
        new("policyreport", "report.policyreport.yaml", (r, _) => PolicyReportWriter.Write(r), UsesTemplates: false),
    ];

    /// <summary>The format names, as <c>scan --format</c> takes them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <summary>The format of that name (case-insensitive), or null.</summary>
    public static ReportFormat? Find(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
