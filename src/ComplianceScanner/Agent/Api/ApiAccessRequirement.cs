using Microsoft.AspNetCore.Authorization;

namespace ComplianceScanner.Agent.Api;

/// <summary>The caller may read (GET, HEAD) or create (other methods) the reports: checked by <see cref="ApiAccessHandler"/>.</summary>
internal sealed class ApiAccessRequirement : IAuthorizationRequirement;
