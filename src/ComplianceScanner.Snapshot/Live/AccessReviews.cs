using System.Collections.Immutable;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// Asks the API server who a bearer token belongs to (TokenReview) and whether that user may do something
/// (SubjectAccessReview), with the credentials of <paramref name="source"/>: how the agent's HTTP API delegates
/// authentication and authorisation to the cluster, like kube-rbac-proxy.
/// </summary>
public sealed class AccessReviews(LiveSnapshotSource source)
{
    /// <summary>Reviews <paramref name="token"/>; null when the API server says it is not authenticated.</summary>
    /// <exception cref="LiveSnapshotException">The API server could not be asked (unreachable, refused our own credentials).</exception>
    public async Task<ReviewedUser?> ReviewTokenAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var review = new V1TokenReview { ApiVersion = "authentication.k8s.io/v1", Kind = "TokenReview", Spec = new V1TokenReviewSpec { Token = token } };
        V1TokenReview answer;
        try
        {
            answer = await source.Client.AuthenticationV1.CreateTokenReviewAsync(review, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException)
        {
            throw new LiveSnapshotException($"TokenReview failed: {ex.Message}", ex);
        }

        if (answer.Status is not { Authenticated: true, User.Username: { Length: > 0 } name } status)
        {
            return null;
        }

        return new ReviewedUser(
            name,
            status.User.Uid,
            [.. status.User.Groups ?? []],
            (status.User.Extra ?? new Dictionary<string, IList<string>>()).ToImmutableDictionary(e => e.Key, e => e.Value.ToImmutableArray(), StringComparer.Ordinal));
    }

    /// <summary>Whether <paramref name="user"/> may <paramref name="verb"/> the cluster-scoped resource <paramref name="group"/>/<paramref name="resource"/>.</summary>
    /// <exception cref="LiveSnapshotException">The API server could not be asked.</exception>
    public async Task<bool> ReviewAccessAsync(ReviewedUser user, string group, string resource, string verb, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var review = new V1SubjectAccessReview
        {
            ApiVersion = "authorization.k8s.io/v1",
            Kind = "SubjectAccessReview",
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user.Name,
                Uid = user.Uid,
                Groups = [.. user.Groups],
                Extra = user.Extra.ToDictionary(e => e.Key, e => (IList<string>)[.. e.Value], StringComparer.Ordinal),
                ResourceAttributes = new V1ResourceAttributes { Group = group, Resource = resource, Verb = verb },
            },
        };
        try
        {
            var answer = await source.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(review, cancellationToken: cancellationToken).ConfigureAwait(false);
            return answer.Status is { Allowed: true, Denied: not true };
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException)
        {
            throw new LiveSnapshotException($"SubjectAccessReview failed: {ex.Message}", ex);
        }
    }
}
