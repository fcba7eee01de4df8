using System.Security.Claims;
using ComplianceScanner.Snapshot.Live;

namespace ComplianceScanner.Agent.Api;

/// <summary>An API caller's identity, carrying the TokenReview answer (when the cluster authenticated it) for the SubjectAccessReview.</summary>
internal sealed class ReviewedIdentity(string scheme, ReviewedUser? user) : ClaimsIdentity(scheme)
{
    public ReviewedUser? User { get; } = user;
}
