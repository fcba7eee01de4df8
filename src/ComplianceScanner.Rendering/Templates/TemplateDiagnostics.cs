using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace ComplianceScanner.Rendering.Templates;

/// <summary>Turns Scriban's messages and exceptions into <see cref="TemplateRenderException"/>s with compiler-style locations.</summary>
internal static class TemplateDiagnostics
{
    public static TemplateRenderException FromParse(LogMessageBag messages, string fallbackPath)
    {
        var errors = messages.Where(m => m.Type == ParserMessageType.Error).ToList();
        if (errors.Count == 0)
        {
            errors = [.. messages];
        }

        var lines = errors.Select(m => Format(m.Span, fallbackPath, m.Message)).ToList();
        var first = errors.Count > 0 ? errors[0].Span : default;
        return Create(string.Join('\n', lines), first, fallbackPath, null);
    }

    public static TemplateRenderException FromRuntime(ScriptRuntimeException exception, string fallbackPath)
    {
        if (exception is ScriptParserRuntimeException parse && parse.ParserMessages is { Count: > 0 } messages)
        {
            // A partial that fails to parse while being included: its own messages locate the problem.
            var inner = FromParse(messages, fallbackPath);
            return new TemplateRenderException(
                Format(exception.Span, fallbackPath, "error while including a template") + "\n" + inner.Message,
                inner.TemplatePath,
                inner.Line,
                inner.Column,
                exception);
        }

        var message = string.IsNullOrEmpty(exception.OriginalMessage) ? exception.Message : exception.OriginalMessage;
        return Create(Format(exception.Span, fallbackPath, message), exception.Span, fallbackPath, exception);
    }

    public static string Format(SourceSpan span, string fallbackPath, string message)
    {
        var (path, line, column) = Locate(span, fallbackPath);
        return line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{path}({line},{column}): error: {message}")
            : $"{path}: error: {message}";
    }

    private static TemplateRenderException Create(string message, SourceSpan span, string fallbackPath, Exception? inner)
    {
        var (path, line, column) = Locate(span, fallbackPath);
        return new TemplateRenderException(message, path, line, column, inner);
    }

    // Scriban positions are 0-based; editors and the message format are 1-based. An empty file name means the span
    // was not set (e.g. an error raised outside any template), so only the template we were rendering can be named.
    private static (string Path, int Line, int Column) Locate(SourceSpan span, string fallbackPath) =>
        string.IsNullOrEmpty(span.FileName)
            ? (fallbackPath, 0, 0)
            : (span.FileName, span.Start.Line + 1, span.Start.Column + 1);
}
