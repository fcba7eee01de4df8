using System.Globalization;
using Scriban;
using Scriban.Parsing;

namespace ComplianceScanner.Rendering.Templates;

/// <summary>
/// The Scriban context for report templates. In markup mode every value a template outputs (<c>{{ x }}</c>) is
/// HTML-escaped unless it is <see cref="RawHtml"/>, so a template author who forgets to escape produces ugly text,
/// never script injection; in Markdown mode values are Markdown-escaped, so an object name cannot become a link, an
/// image or raw HTML in a PR comment or an e-mail. Literal template text is written as is.
/// </summary>
internal sealed class ReportTemplateContext : TemplateContext
{
    public ReportTemplateContext(OutputEscaping escaping)
    {
        Escaping = escaping;
    }

    public OutputEscaping Escaping { get; }

    public bool EscapeMarkup => Escaping == OutputEscaping.Markup;

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        switch (textAsObject)
        {
            case null:
                return this;
            case RawHtml raw:
                return Write(raw.Value);
            default:
                var text = ObjectToString(textAsObject) ?? string.Empty;
                return Write(Escaping switch
                {
                    OutputEscaping.Markup => HtmlEscaper.Escape(text),
                    OutputEscaping.Markdown => MarkdownEscaper.Escape(text),
                    OutputEscaping.Json => JsonEscaper.Escape(text),
                    _ => text,
                });
        }
    }

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        ValueTask.FromResult(Write(span, textAsObject));

    public override string? ObjectToString(object? value, bool nested = false) => value switch
    {
        RawHtml raw => raw.Value,

        // One fixed, culture-free form for times in every template; the report's own timestamps are the only ones shown.
        DateTimeOffset time => FormatTime(time),
        _ => base.ObjectToString(value, nested),
    };

    /// <summary>Lets Scriban's <c>date</c> functions, which take DateTime, accept the report's DateTimeOffset values (as UTC).</summary>
    public override object? ToObject(SourceSpan span, object? value, Type destinationType) =>
        value is DateTimeOffset time && (destinationType == typeof(DateTime) || destinationType == typeof(DateTime?))
            ? time.UtcDateTime
            : base.ToObject(span, value, destinationType);

    public static string FormatTime(DateTimeOffset time) =>
        time.Offset == TimeSpan.Zero
            ? time.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
