using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ComplianceScanner.Snapshot.Live;

namespace ComplianceScanner.Agent.Api;

/// <summary>
/// Checks bearer tokens and access for the HTTP API: from the tokens file (every holder may read and trigger), or
/// through the cluster: TokenReview for who the caller is, then SubjectAccessReview on the virtual resource
/// <c>compliancescanner.io/reports</c> (verb <c>get</c> for reads, <c>create</c> for writes), like kube-rbac-proxy.
/// Answers from the API server are cached for <see cref="CacheFor"/> (keyed by the token's hash, never the token) so a
/// page load does not cost a review per request.
/// </summary>
internal sealed class ApiAuthenticator(ApiTokens? tokens, AccessReviews? reviews, TimeProvider time)
{
    public const string Group = "compliancescanner.io";

    public const string Resource = "reports";

    /// <summary>The claim type holding the Kubernetes groups of a reviewed user.</summary>
    public const string GroupClaim = "k8s-group";

    private const int CacheLimit = 10_000;

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (ReviewedUser? User, DateTimeOffset Until)> tokenCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (bool Allowed, DateTimeOffset Until)> accessCache = new(StringComparer.Ordinal);

    /// <summary>True when tokens are reviewed by the cluster (and access by SubjectAccessReview).</summary>
    public bool UsesKubernetes => reviews is not null;

    /// <summary>The authenticated caller, or null when the token is not valid.</summary>
    /// <exception cref="LiveSnapshotException">The API server could not be asked.</exception>
    public async Task<ClaimsPrincipal?> AuthenticateAsync(string token, string scheme, CancellationToken cancellationToken)
    {
        if (tokens is not null)
        {
            return tokens.Authenticate(token) is { } name ? Principal(name, null, [], scheme) : null;
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = time.GetUtcNow();
        ReviewedUser? user;
        if (tokenCache.TryGetValue(key, out var cached) && cached.Until > now)
        {
            user = cached.User;
        }
        else
        {
            user = await reviews!.ReviewTokenAsync(token, cancellationToken).ConfigureAwait(false);
            Remember(tokenCache, key, (user, now + CacheFor));
        }

        return user is null ? null : Principal(user.Name, user.Uid, user.Groups, scheme, user);
    }

    /// <summary>Whether the caller may <paramref name="verb"/> (get, create) the reports.</summary>
    /// <exception cref="LiveSnapshotException">The API server could not be asked.</exception>
    public async Task<bool> AuthorizeAsync(ClaimsPrincipal principal, string verb, CancellationToken cancellationToken)
    {
        if (reviews is null)
        {
            return principal.Identity?.IsAuthenticated == true;
        }

        if (principal.Identity is not ReviewedIdentity { User: { } user })
        {
            return false;
        }

        var key = string.Join('\n', [verb, user.Name, user.Uid ?? string.Empty, .. user.Groups, .. user.Extra.SelectMany(e => e.Value.Select(v => e.Key + "=" + v))]);
        var now = time.GetUtcNow();
        if (accessCache.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Allowed;
        }

        var allowed = await reviews.ReviewAccessAsync(user, Group, Resource, verb, cancellationToken).ConfigureAwait(false);
        Remember(accessCache, key, (allowed, now + CacheFor));
        return allowed;
    }

    private static void Remember<T>(ConcurrentDictionary<string, T> cache, string key, T value)
    {
        // A crude bound: many distinct tokens (an attacker guessing) must not grow the cache without limit.
        if (cache.Count >= CacheLimit)
        {
            cache.Clear();
        }

        cache[key] = value;
    }

    private static ClaimsPrincipal Principal(string name, string? uid, IEnumerable<string> groups, string scheme, ReviewedUser? user = null)
    {
        var identity = new ReviewedIdentity(scheme, user);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        if (uid is not null)
        {
            identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, uid));
        }

        foreach (var g in groups)
        {
            identity.AddClaim(new Claim(GroupClaim, g));
        }

        return new ClaimsPrincipal(identity);
    }
}
