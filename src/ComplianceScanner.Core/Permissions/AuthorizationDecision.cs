using System.Collections.Immutable;

namespace ComplianceScanner.Core.Permissions;

/// <summary>The answer to one <see cref="PermissionIndex.Authorize"/> question.</summary>
/// <param name="Allowed">The request is allowed (RBAC is deny by default).</param>
/// <param name="AllowedBy">The first grant that allows it, in the engine's evaluation order; null when denied.</param>
/// <param name="Matches">Every allowing grant when all were asked for; otherwise only <paramref name="AllowedBy"/> (or empty).</param>
/// <param name="ResolutionErrors">Dangling roleRefs of bindings that apply to the user (the authorizer's resolution errors).</param>
/// <param name="Reason">One line: the Go authorizer's allow reason, or why nothing allows the request.</param>
public sealed record AuthorizationDecision(
    bool Allowed,
    Grant? AllowedBy,
    ImmutableArray<Grant> Matches,
    ImmutableArray<string> ResolutionErrors,
    string Reason);
