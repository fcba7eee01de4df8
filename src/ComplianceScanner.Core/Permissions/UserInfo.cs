using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// The identity the authorizer sees: a user name and its groups (as in <c>k8s.io/apiserver/pkg/authentication/user.Info</c>).
/// Groups are taken literally; <see cref="ForSubject"/> and <see cref="Authenticated"/> add the implicit groups the
/// API server's authenticators add.
/// </summary>
public sealed record UserInfo(string Name, ImmutableArray<string> Groups)
{
    public const string AuthenticatedGroup = "system:authenticated";
    public const string UnauthenticatedGroup = "system:unauthenticated";
    public const string ServiceAccountsGroup = "system:serviceaccounts";
    public const string MastersGroup = "system:masters";
    public const string AnonymousUser = "system:anonymous";
    public const string ServiceAccountUserPrefix = "system:serviceaccount:";
    public const string ServiceAccountNamespaceGroupPrefix = "system:serviceaccounts:";

    /// <summary>The anonymous user: <c>system:anonymous</c> in group <c>system:unauthenticated</c>.</summary>
    public static UserInfo Anonymous { get; } = new(AnonymousUser, [UnauthenticatedGroup]);

    /// <summary>Groups are never default: absent groups are empty.</summary>
    public ImmutableArray<string> Groups { get; init; } = Groups.IsDefault ? [] : Groups;

    /// <summary>True when the user is in <c>system:masters</c>, which bypasses RBAC.</summary>
    public bool IsSystemMaster => InGroup(MastersGroup);

    /// <summary><c>system:serviceaccount:ns:name</c>.</summary>
    public static string ServiceAccountUserName(string ns, string name) => $"{ServiceAccountUserPrefix}{ns}:{name}";

    /// <summary><c>system:serviceaccounts:ns</c>: the group of every service account of a namespace.</summary>
    public static string ServiceAccountNamespaceGroup(string ns) => ServiceAccountNamespaceGroupPrefix + ns;

    /// <summary>
    /// A user as the API server authenticates it: explicit <paramref name="groups"/>, plus
    /// <c>system:serviceaccounts</c> and <c>system:serviceaccounts:ns</c> for service-account user names (the token
    /// authenticator's groups), plus <c>system:authenticated</c> unless the user is <c>system:anonymous</c> or already in
    /// <c>system:authenticated</c>/<c>system:unauthenticated</c> (the AuthenticatedGroupAdder's rule). The anonymous user
    /// gets <c>system:unauthenticated</c>.
    /// </summary>
    public static UserInfo Authenticated(string name, IEnumerable<string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var list = new List<string>();
        void Add(string g)
        {
            if (!list.Contains(g, StringComparer.Ordinal))
            {
                list.Add(g);
            }
        }

        foreach (var g in groups ?? [])
        {
            Add(g);
        }

        if (string.Equals(name, AnonymousUser, StringComparison.Ordinal))
        {
            Add(UnauthenticatedGroup);
            return new UserInfo(name, [.. list]);
        }

        if (TrySplitServiceAccount(name, out var ns, out _))
        {
            Add(ServiceAccountsGroup);
            Add(ServiceAccountNamespaceGroup(ns));
        }

        if (!list.Contains(AuthenticatedGroup, StringComparer.Ordinal) && !list.Contains(UnauthenticatedGroup, StringComparer.Ordinal))
        {
            list.Add(AuthenticatedGroup);
        }

        return new UserInfo(name, [.. list]);
    }

    /// <summary>
    /// The identity behind a binding subject, with its implicit groups. A User becomes that user (plus
    /// <c>system:authenticated</c>, or <c>system:unauthenticated</c> for <c>system:anonymous</c>); a ServiceAccount becomes
    /// <c>system:serviceaccount:ns:name</c> in <c>system:serviceaccounts</c>, <c>system:serviceaccounts:ns</c> and
    /// <c>system:authenticated</c>; a Group becomes a member of that group with no particular user name (empty
    /// <see cref="Name"/>), who is authenticated unless the group is <c>system:unauthenticated</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A ServiceAccount without namespace, or an unknown subject kind.</exception>
    public static UserInfo ForSubject(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        switch (subject.Kind)
        {
            case Subject.UserKind:
                return Authenticated(subject.Name);
            case Subject.ServiceAccountKind:
                if (string.IsNullOrEmpty(subject.Namespace))
                {
                    throw new ArgumentException($"ServiceAccount subject '{subject.Name}' has no namespace.", nameof(subject));
                }

                return Authenticated(ServiceAccountUserName(subject.Namespace, subject.Name));
            case Subject.GroupKind:
                return string.Equals(subject.Name, UnauthenticatedGroup, StringComparison.Ordinal)
                    ? new UserInfo(string.Empty, [subject.Name])
                    : Authenticated(string.Empty, [subject.Name]);
            default:
                throw new ArgumentException(
                    $"Unknown subject kind '{subject.Kind}' (expected {Subject.UserKind}, {Subject.GroupKind} or {Subject.ServiceAccountKind}).",
                    nameof(subject));
        }
    }

    /// <summary>True when <see cref="Groups"/> contains <paramref name="group"/> (exact, case-sensitive).</summary>
    public bool InGroup(string group) => Groups.Contains(group, StringComparer.Ordinal);

    /// <summary>Splits <c>system:serviceaccount:ns:name</c> into namespace and name.</summary>
    public static bool TrySplitServiceAccount(string userName, out string ns, out string name)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ns = name = string.Empty;
        if (!userName.StartsWith(ServiceAccountUserPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = userName[ServiceAccountUserPrefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);

        // As serviceaccount.SplitUsername: exactly two non-empty parts after the prefix.
        if (colon <= 0 || colon == rest.Length - 1 || rest.IndexOf(':', colon + 1) >= 0)
        {
            return false;
        }

        ns = rest[..colon];
        name = rest[(colon + 1)..];
        return true;
    }

    public bool Equals(UserInfo? other) =>
        other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && Groups.SequenceEqual(other.Groups, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Name, StringComparer.Ordinal);
        foreach (var g in Groups)
        {
            h.Add(g, StringComparer.Ordinal);
        }

        return h.ToHashCode();
    }

    /// <summary><c>name [group, group]</c>.</summary>
    public override string ToString() => $"{(Name.Length == 0 ? "(any member)" : Name)} [{string.Join(", ", Groups)}]";
}
