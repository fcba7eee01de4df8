using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Duties;

/// <summary>
/// Subjects as the authorizer identifies them. A User named <c>system:serviceaccount:ns:name</c> is the ServiceAccount
/// <c>ns/name</c> (the API server authenticates both as the same user), and Users and Groups have no namespace; the
/// duty analysis and the RBAC rules judge every identity once, in this canonical form.
/// </summary>
public static class SubjectIdentity
{
    /// <summary>The canonical form of a binding subject.</summary>
    public static Subject Canonical(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.Kind switch
        {
            Subject.UserKind when UserInfo.TrySplitServiceAccount(subject.Name, out var ns, out var name) => Subject.ServiceAccount(ns, name),
            Subject.UserKind or Subject.GroupKind when subject.Namespace is not null => new Subject(subject.Kind, subject.Name),
            _ => subject,
        };
    }

    /// <summary>
    /// The identities a binding names, canonical and distinct: a ServiceAccount without namespace takes the binding's
    /// (as the authorizer reads it); subjects that can never match (a namespace-less ServiceAccount in a
    /// ClusterRoleBinding, an unknown kind) are left out.
    /// </summary>
    public static ImmutableArray<Subject> Of(RbacBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return [.. Entries(binding).Select(e => e.Canonical)];
    }

    /// <summary>
    /// The binding's subject entries that can match, each as the authorizer reads it (User and Group without namespace,
    /// a ServiceAccount's namespace defaulted to the binding's) with its canonical identity; the first entry of each
    /// identity only.
    /// </summary>
    internal static List<(Subject Canonical, Subject Entry)> Entries(RbacBinding binding)
    {
        var result = new List<(Subject, Subject)>(binding.Subjects.Length);
        foreach (var s in binding.Subjects)
        {
            Subject? entry = s.Kind switch
            {
                Subject.UserKind => s.Namespace is null ? s : Subject.User(s.Name),
                Subject.GroupKind => s.Namespace is null ? s : Subject.Group(s.Name),
                Subject.ServiceAccountKind when !string.IsNullOrEmpty(s.Namespace) => s,
                Subject.ServiceAccountKind when !string.IsNullOrEmpty(binding.Metadata.Namespace) => Subject.ServiceAccount(binding.Metadata.Namespace, s.Name),
                _ => null,
            };
            if (entry is null)
            {
                continue;
            }

            var canonical = Canonical(entry);
            if (!result.Exists(r => r.Item1 == canonical))
            {
                result.Add((canonical, entry));
            }
        }

        return result;
    }

    /// <summary>
    /// The subjects whose grants change when <paramref name="before"/> becomes <paramref name="after"/> (either may be
    /// null): each subject entry as the authorizer reads it and, where it differs (a User named like a service account),
    /// its canonical form, so that rules judging binding subjects as named and rules judging canonical identities both
    /// find theirs. Sorted, distinct.
    /// </summary>
    public static ImmutableArray<Subject> Changed(RbacBinding? before, RbacBinding? after)
    {
        var all = new[] { before, after }.OfType<RbacBinding>()
            .SelectMany(Entries)
            .SelectMany(e => new[] { e.Entry, e.Canonical });
        return [.. all.Distinct().Order(SubjectOrder.Instance)];
    }
}
