using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ComplianceScanner.Agent.Api;

/// <summary>RFC 9457 problem details, written by hand so no exception text or stack trace can end up in one.</summary>
internal static class ApiProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        return context.Response.WriteAsync(Json(status, title, detail), context.RequestAborted);
    }

    public static IResult Result(int status, string title, string detail) =>
        Results.Text(Json(status, title, detail), "application/problem+json", statusCode: status);

    public static IResult NotFound(string detail) => Result(StatusCodes.Status404NotFound, "Not Found", detail);

    private static string Json(int status, string title, string detail) =>
        new JsonObject { ["type"] = "about:blank", ["title"] = title, ["status"] = status, ["detail"] = detail }.ToJsonString();
}
