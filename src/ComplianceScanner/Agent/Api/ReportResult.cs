using System.Text;
using Microsoft.AspNetCore.Http;

namespace ComplianceScanner.Agent.Api;

/// <summary>A rendered report, with the Content-Security-Policy its HTML needs (the report carries its own, narrower, one too).</summary>
internal sealed class ReportResult(string text, string contentType, string? contentSecurityPolicy) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.ContentType = contentType;
        if (contentSecurityPolicy is not null)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        httpContext.Response.ContentLength = bytes.Length;
        return httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
    }
}
