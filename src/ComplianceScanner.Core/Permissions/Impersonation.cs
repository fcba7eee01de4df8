namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// The user the API server authorizes a request as when a client impersonates (<c>kubectl --as USER --as-group GROUP</c>):
/// the rules of the impersonation filter (<c>k8s.io/apiserver/pkg/endpoints/filters/impersonation.go</c>).
/// </summary>
public static class Impersonation
{
    /// <summary>
    /// The impersonated user. The given groups are the authority when there are any; with none, a service-account user
    /// name (<c>system:serviceaccount:ns:name</c>) gets <c>system:serviceaccounts</c> and <c>system:serviceaccounts:ns</c>.
    /// Then a non-anonymous user gets <c>system:authenticated</c> unless it is already in <c>system:authenticated</c> or
    /// <c>system:unauthenticated</c>, and <c>system:anonymous</c> gets <c>system:unauthenticated</c>.
    /// </summary>
    public static UserInfo User(string name, IEnumerable<string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var list = new List<string>();
        foreach (var g in groups ?? [])
        {
            // Duplicates change nothing for the authorizer; keeping one makes the user print cleanly.
            if (!list.Contains(g, StringComparer.Ordinal))
            {
                list.Add(g);
            }
        }

        if (list.Count == 0 && UserInfo.TrySplitServiceAccount(name, out var ns, out _))
        {
            list.Add(UserInfo.ServiceAccountsGroup);
            list.Add(UserInfo.ServiceAccountNamespaceGroup(ns));
        }

        if (!string.Equals(name, UserInfo.AnonymousUser, StringComparison.Ordinal))
        {
            if (!list.Contains(UserInfo.AuthenticatedGroup, StringComparer.Ordinal) && !list.Contains(UserInfo.UnauthenticatedGroup, StringComparer.Ordinal))
            {
                list.Add(UserInfo.AuthenticatedGroup);
            }
        }
        else if (!list.Contains(UserInfo.UnauthenticatedGroup, StringComparer.Ordinal))
        {
            list.Add(UserInfo.UnauthenticatedGroup);
        }

        return new UserInfo(name, [.. list]);
    }
}
