using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Rendering.Html;

/// <summary>The top-level variables of <c>report.html.sbn</c>: <c>report</c> and <c>view</c>.</summary>
internal sealed record HtmlReportModel(ScanReport Report, ReportView View);
