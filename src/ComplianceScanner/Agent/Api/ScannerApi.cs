using System.Threading.RateLimiting;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Snapshot.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Agent.Api;

/// <summary>
/// The agent's HTTP API under <c>/api/v1</c> and the page at <c>/</c>. Deny by default: the fallback authorization
/// policy requires an authenticated caller allowed by <see cref="ApiAccessRequirement"/> on every endpoint, so only
/// endpoints marked <c>AllowAnonymous</c> (<c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>) are open and a new route
/// is protected without anyone remembering to. Also: a per-client rate limit, small request limits, security headers
/// on every response and problem details without exception text.
/// </summary>
internal static class ScannerApi
{
    /// <summary>The paths served without a token (probes and Prometheus, unless <c>agent.api.protectMetrics</c>).</summary>
    public static readonly IReadOnlyList<string> AnonymousPaths = ["/healthz", "/readyz", "/metrics"];

    /// <summary>Registers authentication (per <c>agent.api.authMode</c>), authorization, the rate limiter and request limits.</summary>
    /// <exception cref="Cli.UserInputException">The tokens file cannot be used.</exception>
    public static void AddScannerApi(this WebApplicationBuilder builder, AgentOptions options, LiveSnapshotSource source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var api = options.Config.Agent.Api;
        var useTokens = api.AuthMode == ApiAuthMode.Tokens || (api.AuthMode == ApiAuthMode.Auto && api.TokensFile is not null);
        if (useTokens && api.TokensFile is null)
        {
            throw new Cli.UserInputException("agent.api.authMode tokens needs agent.api.tokensFile.");
        }

        var authenticator = useTokens
            ? new ApiAuthenticator(ApiTokens.Load(api.TokensFile!), null, options.Time)
            : new ApiAuthenticator(null, new AccessReviews(source), options.Time);

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;

            // The API takes no request bodies worth the name: a trigger is an empty POST.
            k.Limits.MaxRequestBodySize = 16 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.Limits.MaxRequestHeaderCount = 64;
        });
        builder.Services
            .AddSingleton(authenticator)
            .AddSingleton<ScanApi>()
            .AddSingleton<IAuthorizationHandler, ApiAccessHandler>()
            .AddProblemDetails(p => p.CustomizeProblemDetails = c => c.ProblemDetails.Extensions.Clear());
        builder.Services
            .AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(Policy())
            .SetDefaultPolicy(Policy());
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return new ValueTask(ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too Many Requests", $"at most {api.RateLimitRequests} requests per {api.RateLimitWindow} per client."));
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (IsAnonymousPath(http.Request.Path) && !(api.ProtectMetrics && http.Request.Path.Equals("/metrics", StringComparison.Ordinal)))
                {
                    // Kubelet probes and Prometheus are not clients to throttle.
                    return RateLimitPartition.GetNoLimiter("probes");
                }

                var key = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? "user:" + name : "ip:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = api.RateLimitRequests,
                    Window = api.RateLimitWindow,
                    QueueLimit = 0,
                });
            });
        });
    }

    /// <summary>Adds the middleware (exceptions, headers, authentication, rate limit, authorization) and the endpoints.</summary>
    public static void MapScannerApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Logged, answered with a bare 500 problem: never the exception's text or stack.
            ExceptionHandler = context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>();
                if (error is not null)
                {
                    ApiLog.RequestFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ComplianceScanner.Agent.Api"), error.Error, context.Request.Method, error.Path);
                }

                return ApiProblems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal Server Error", "The request failed; the agent's log has the details.");
            },
        });
        app.Use(SecurityHeaders.Apply);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        var api = app.MapGroup("/api/v1");
        api.MapGet("/scans", (ScanApi s) => s.List());
        api.MapGet("/scans/{id:long}", (long id, ScanApi s) => s.Get(id));
        api.MapGet("/scans/{id:long}/report.{format}", (long id, string format, string? team, ScanApi s) => s.Report(id, format, team));
        api.MapGet("/scans/{id:long}/findings", (long id, string? severity, string? rule, string? @namespace, string? state, string? layer, ScanApi s) =>
            s.Findings(id, severity, rule, @namespace, state, layer));
        api.MapPost("/scans", (HttpContext http, ScanApi s) => s.Trigger(http.User.Identity?.Name ?? "?"));
        api.MapGet("/scans/{id:long}/bundle", (long id, ScanApi s, CancellationToken ct) => s.BundleAsync(id, ct));
        api.MapGet("/public-key", (ScanApi s) => s.PublicKey());
        app.MapGet("/", (HttpContext http, ScanApi s, AgentOptions o) => HomePage.Render(s.Scans(), o.StorePath is not null, http.User.Identity?.Name ?? "?"));
    }

    private static bool IsAnonymousPath(PathString path) => AnonymousPaths.Any(p => path.Equals(p, StringComparison.Ordinal));

    private static AuthorizationPolicy Policy() => new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName)
        .RequireAuthenticatedUser()
        .AddRequirements(new ApiAccessRequirement())
        .Build();
}
