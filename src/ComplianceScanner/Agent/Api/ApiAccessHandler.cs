using ComplianceScanner.Snapshot.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Agent.Api;

/// <summary>Checks <see cref="ApiAccessRequirement"/> with <see cref="ApiAuthenticator.AuthorizeAsync"/> (SubjectAccessReview in the cluster).</summary>
internal sealed class ApiAccessHandler(ApiAuthenticator authenticator, ILogger<ApiAccessHandler> logger) : AuthorizationHandler<ApiAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiAccessRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true || context.Resource is not HttpContext http)
        {
            return;
        }

        var verb = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? "get" : "create";
        try
        {
            if (await authenticator.AuthorizeAsync(context.User, verb, http.RequestAborted).ConfigureAwait(false))
            {
                context.Succeed(requirement);
            }
        }
        catch (LiveSnapshotException ex)
        {
            // Deny when the cluster cannot be asked: an outage must not open the API.
            ApiLog.ReviewFailed(logger, ex.Message);
        }
    }
}
