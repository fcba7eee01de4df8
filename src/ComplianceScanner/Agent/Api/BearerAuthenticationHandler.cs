using System.Text.Encodings.Web;
using ComplianceScanner.Snapshot.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComplianceScanner.Agent.Api;

/// <summary>
/// <c>Authorization: Bearer TOKEN</c>, checked by <see cref="ApiAuthenticator"/>. No header: no result (the fallback
/// policy then challenges with 401); a malformed header or an unknown token: failure, 401.
/// </summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiAuthenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var value = header.ToString();
        if (header.Count != 1 || !value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || value.Length == Prefix.Length || value.Length > 8192)
        {
            return AuthenticateResult.Fail("the Authorization header is not 'Bearer TOKEN'");
        }

        try
        {
            var principal = await authenticator.AuthenticateAsync(value[Prefix.Length..].Trim(), Scheme.Name, Context.RequestAborted).ConfigureAwait(false);
            return principal is null ? AuthenticateResult.Fail("invalid token") : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
        }
        catch (LiveSnapshotException ex)
        {
            ApiLog.ReviewFailed(Logger, ex.Message);
            return AuthenticateResult.Fail("the token could not be reviewed");
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"compliance-scanner\"";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", "Send 'Authorization: Bearer TOKEN' with a valid token.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", authenticator.UsesKubernetes
            ? $"The caller may not {(HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method) ? "get" : "create")} {ApiAuthenticator.Resource}.{ApiAuthenticator.Group} (SubjectAccessReview denied)."
            : "The caller may not do this.");
}
