using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ComplianceScanner.History;
using ComplianceScanner.Rendering;
using Microsoft.AspNetCore.Http;

namespace ComplianceScanner.Agent.Api;

/// <summary>
/// The page at <c>/</c>: the recorded scans with their state and counts, and links to each report and bundle. Plain
/// server-rendered HTML with one inline stylesheet (allowed by hash), no script and no external assets; every value is
/// HTML-encoded.
/// </summary>
internal static class HomePage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}
        table{border-collapse:collapse}
        th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
        .incomplete{color:#a40000}
        .muted{color:#666}
        """;

    private static readonly string StyleHash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)));

    public static IResult Render(ImmutableArray<StoredScan> scans, bool hasStore, string user)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>ComplianceScanner</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<h1>ComplianceScanner</h1>\n")
            .Append("<p class=\"muted\">Signed in as ").Append(e.Encode(user)).Append(". API: <a href=\"/api/v1/scans\">/api/v1/scans</a>, public key: <a href=\"/api/v1/public-key\">/api/v1/public-key</a>.</p>\n");
        if (!hasStore)
        {
            html.Append("<p>The agent records no history (start it with <code>--store</code>).</p>\n");
        }
        else if (scans.IsEmpty)
        {
            html.Append("<p>No scans recorded yet.</p>\n");
        }
        else
        {
            html.Append("<table>\n<thead><tr><th>Scan</th><th>Cluster</th><th>Finished (UTC)</th><th>State</th><th>Open</th><th>Critical</th><th>High</th><th>Excepted</th><th>Reports</th><th>Evidence</th></tr></thead>\n<tbody>\n");
            foreach (var s in scans)
            {
                var id = s.Id.ToString(CultureInfo.InvariantCulture);
                html.Append("<tr><td>").Append(id)
                    .Append("</td><td>").Append(e.Encode(s.Cluster))
                    .Append("</td><td>").Append(e.Encode(s.FinishedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
                    .Append("</td><td").Append(s.Complete ? ">complete" : " class=\"incomplete\">incomplete")
                    .Append("</td><td>").Append(s.Open.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(s.OpenOf(Core.Findings.Severity.Critical).ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(s.OpenOf(Core.Findings.Severity.High).ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(s.Excepted.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>");
                html.AppendJoin(" ", ReportFormats.Names.Select(n => $"<a href=\"/api/v1/scans/{id}/report.{n}\">{n}</a>"));
                html.Append("</td><td><a href=\"/api/v1/scans/").Append(id).Append("/bundle\">bundle</a></td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</body>\n</html>\n");
        return new ReportResult(html.ToString(), "text/html; charset=utf-8", SecurityHeaders.PagePolicy(StyleHash));
    }
}
