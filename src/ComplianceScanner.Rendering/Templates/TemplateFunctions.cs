using System.Security.Cryptography;
using System.Text;
using Scriban;
using Scriban.Runtime;

namespace ComplianceScanner.Rendering.Templates;

/// <summary>
/// Functions report templates get on top of Scriban's builtins. <c>html.escape</c> is replaced by an idempotent
/// version (its result is marked as markup, so auto-escaping does not escape it twice), and <c>html.raw</c>,
/// <c>html.safe_url</c> and <c>html.csp_hash</c> are added.
/// </summary>
internal static class TemplateFunctions
{
    /// <summary>What <c>html.safe_url</c> returns for a URL whose scheme could run code (javascript:, data:, ...).</summary>
    public const string UnsafeUrl = "#unsafe-url";

    public static void Install(ScriptObject globals, ReportTemplateContext context)
    {
        // A fresh object rather than the builtin one: builtin members are read-only, and the builtin must stay untouched.
        var html = new ScriptObject();
        if (context.BuiltinObject.TryGetValue("html", out var builtin) && builtin is ScriptObject builtinHtml)
        {
            foreach (var member in builtinHtml.GetMembers())
            {
                html.SetValue(member, builtinHtml[member], true);
            }

            html.Remove("escape");
        }

        html.Import("escape", new Func<TemplateContext, object?, object>(Escape));
        html.Import("raw", new Func<TemplateContext, object?, RawHtml>(Raw));
        html.Import("safe_url", new Func<TemplateContext, object?, string>(SafeUrl));
        html.Import("csp_hash", new Func<TemplateContext, object?, string>(CspHash));
        globals.SetValue("html", html, true);

        if (context.Escaping != OutputEscaping.None && context.BuiltinObject.TryGetValue("include", out var include) && include is IScriptCustomFunction function)
        {
            globals.SetValue("include", new RawIncludeFunction(function), true);
        }
    }

    private static object Escape(TemplateContext context, object? value) => value switch
    {
        null => string.Empty,
        RawHtml raw => raw,
        _ when context is ReportTemplateContext { EscapeMarkup: true } => new RawHtml(HtmlEscaper.Escape(Text(context, value))),
        _ => HtmlEscaper.Escape(Text(context, value)),
    };

    private static RawHtml Raw(TemplateContext context, object? value) =>
        value is RawHtml raw ? raw : new RawHtml(Text(context, value));

    /// <summary>
    /// Relative references and http, https and mailto URLs pass; anything with another scheme becomes
    /// <see cref="UnsafeUrl"/>. Report data must never be able to put <c>javascript:</c> into an href.
    /// </summary>
    internal static string SafeUrl(TemplateContext context, object? value)
    {
        var url = Text(context, value).Trim();
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var delimiter = url.AsSpan().IndexOfAny("/?#");
        if (colon < 0 || (delimiter >= 0 && delimiter < colon))
        {
            return url;
        }

        var scheme = url[..colon];
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase)
            ? url
            : UnsafeUrl;
    }

    /// <summary>The Content-Security-Policy source (<c>'sha256-...'</c> without quotes) that allows exactly this inline script or style.</summary>
    private static string CspHash(TemplateContext context, object? value) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Text(context, value))));

    private static string Text(TemplateContext context, object? value) =>
        value is null ? string.Empty : context.ObjectToString(value) ?? string.Empty;
}
