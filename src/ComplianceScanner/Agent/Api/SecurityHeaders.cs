using Microsoft.AspNetCore.Http;

namespace ComplianceScanner.Agent.Api;

/// <summary>
/// The headers every response carries: no MIME sniffing, no referrer, no framing, and a Content-Security-Policy that
/// allows nothing (responses that are HTML replace it with the policy they need).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>For JSON, text and files: nothing may load or run.</summary>
    public const string NonePolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The page at <c>/</c>: its one inline stylesheet (by hash), no script at all.</summary>
    public static string PagePolicy(string styleHash) =>
        $"default-src 'none'; style-src '{styleHash}'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// A rendered HTML report: its inline stylesheet and script are allowed here, and the report's own meta policy
    /// narrows them to exactly its hashes (a document obeys both).
    /// </summary>
    public const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static Task Apply(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = NonePolicy;
        return next();
    }
}
