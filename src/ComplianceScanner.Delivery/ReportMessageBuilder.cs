using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Rendering;
using ComplianceScanner.Rendering.Html;
using MimeKit;

namespace ComplianceScanner.Delivery;

/// <summary>
/// Builds a report e-mail: an HTML body from <see cref="TemplateName"/> (inline styles, no scripts), the Markdown
/// summary as its text/plain alternative, and the attached report files, as many as fit in
/// <see cref="ReportSettings.MaxAttachmentBytes"/>; the others become links to the agent's API.
/// </summary>
public sealed class ReportMessageBuilder(ReportSettings settings, TemplateSet templates)
{
    /// <summary>The HTML body template, relative to the templates directory.</summary>
    public const string TemplateName = "email/report.html.sbn";

    private readonly ReportSettings settings = settings ?? throw new ArgumentNullException(nameof(settings));
    private readonly TemplateSet templates = templates ?? throw new ArgumentNullException(nameof(templates));

    /// <summary>Renders the message.</summary>
    /// <exception cref="TemplateRenderException">A template is missing or fails.</exception>
    public MimeMessage Build(ReportMessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var report = request.Report;
        var subject = Subject(request);
        var files = Files(request);
        var view = new EmailView
        {
            Subject = subject,
            Schedule = request.Schedule.Name,
            Audience = request.Target.Display,
            Content = ContentName(request.Schedule.Content),
            WindowStart = Iso(request.WindowStart),
            Changes = request.Changes,
            Since = request.Since is { } since ? Iso(since) : null,
            Attachments = [.. files.Select(f => f.View)],
        };
        var model = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["report"] = report,
            ["view"] = ReportView.From(report),
            ["email"] = view,
        };
        var body = new BodyBuilder
        {
            HtmlBody = templates.Render(TemplateName, model),
            TextBody = PlainText(request, view),
        };
        foreach (var file in files.Where(f => f.View.Attached))
        {
            body.Attachments.Add(file.View.FileName, file.Content, ContentType.Parse(file.MediaType));
        }

        var message = new MimeMessage
        {
            Subject = subject,
            MessageId = request.MessageId,
            Date = request.Now,
            Body = body.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(settings.Smtp.From));
        message.To.AddRange(request.Target.Recipients.Select(MailboxAddress.Parse));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-ComplianceScanner-Schedule", request.Schedule.Name);
        message.Headers.Add("X-ComplianceScanner-Audience", request.Target.Key);
        message.Headers.Add("X-ComplianceScanner-Window", Iso(request.WindowStart));
        message.Headers.Add("X-ComplianceScanner-Scan", request.ScanId.ToString(CultureInfo.InvariantCulture));
        return message;
    }

    /// <summary>The link to a report file on the agent's API: <c>{baseUrl}/api/v1/scans/{id}/report.{format}[?team=NAME]</c>.</summary>
    public static string ReportUrl(string baseUrl, long scanId, string fileName, string? team)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        // The agent's HTTP API (/api/v1/scans/{id}/report.{format}); its Markdown format is named "markdown".
        var format = fileName.EndsWith(".md", StringComparison.Ordinal) ? "report.markdown" : fileName;
        var url = string.Create(CultureInfo.InvariantCulture, $"{baseUrl.TrimEnd('/')}/api/v1/scans/{scanId}/{format}");
        return team is null ? url : url + "?team=" + Uri.EscapeDataString(team);
    }

    public static string ContentName(ReportContent content) => content switch
    {
        ReportContent.Digest => "digest",
        ReportContent.NewFindings => "new-findings",
        _ => "full",
    };

    private static string Subject(ReportMessageRequest request)
    {
        var report = request.Report;
        var who = request.Target.Team is { } team ? " for team " + team.Name : string.Empty;
        var prefix = $"[ComplianceScanner] {report.Scan.Cluster}{who}: ";
        var changes = request.Changes;
        var incomplete = report.Incomplete ? " (INCOMPLETE SCAN)" : string.Empty;
        return request.Schedule.Content switch
        {
            ReportContent.Digest when changes is not null => prefix + string.Create(CultureInfo.InvariantCulture, $"{changes.New.Length + changes.Reopened.Length} new, {changes.Resolved.Length} resolved since the last report; {report.Summary.Open} open") + incomplete,
            ReportContent.NewFindings when changes is not null => prefix + Count(changes.New.Length + changes.Reopened.Length, "new finding") + incomplete,
            _ => prefix + Count(report.Summary.Open, "open finding") + (report.Summary.Open > 0 ? ", worst " + report.Summary.WorstSeverity : string.Empty) + incomplete,
        };
    }

    private static string Count(int n, string what) => string.Create(CultureInfo.InvariantCulture, $"{n} {what}{(n == 1 ? string.Empty : "s")}");

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string PlainText(ReportMessageRequest request, EmailView view)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{view.Subject}\n{request.Schedule.Name} report for {view.Audience}, window {view.WindowStart}.\n\n");
        if (request.Changes is { } c)
        {
            text.Append(CultureInfo.InvariantCulture, $"Since the last report: {c.New.Length} new, {c.Reopened.Length} reopened, {c.Resolved.Length} resolved, {c.Excepted.Length} newly excepted.\n");
            foreach (var f in c.New.Concat(c.Reopened))
            {
                text.Append(CultureInfo.InvariantCulture, $"- {f.Severity} {f.RuleId}: {f.Message}\n");
            }

            text.Append('\n');
        }

        text.Append(ReportFormats.Find("markdown")!.Render(request.Report, templates));
        foreach (var a in view.Attachments.Where(a => !a.Attached))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{a.FileName} ({a.SizeText}) was too large to attach{(a.Url is null ? "." : ": " + a.Url)}\n");
        }

        return text.ToString();
    }

    /// <summary>The report files in the schedule's order; attached while the total stays within the cap.</summary>
    private ImmutableArray<(AttachmentView View, byte[] Content, string MediaType)> Files(ReportMessageRequest request)
    {
        var result = ImmutableArray.CreateBuilder<(AttachmentView, byte[], string)>();
        long total = 0;
        foreach (var format in request.Schedule.Attach)
        {
            var (name, content, media) = format switch
            {
                ReportAttachment.Html => ("report.html", new HtmlReportRenderer(templates).Render(request.Report), "text/html; charset=utf-8"),
                ReportAttachment.Json => ("report.json", ReportJson.Serialize(request.Report), "application/json; charset=utf-8"),
                _ => ("report.md", ReportFormats.Find("markdown")!.Render(request.Report, templates), "text/markdown; charset=utf-8"),
            };
            var bytes = Encoding.UTF8.GetBytes(content);
            var fits = total + bytes.LongLength <= settings.MaxAttachmentBytes;
            if (fits)
            {
                total += bytes.LongLength;
            }

            var url = fits || settings.BaseUrl is null ? null : ReportUrl(settings.BaseUrl, request.ScanId, name, request.Target.Team?.Name);
            result.Add((new AttachmentView(name, bytes.LongLength, fits, url), bytes, media));
        }

        return result.ToImmutable();
    }
}
