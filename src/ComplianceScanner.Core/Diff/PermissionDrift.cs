using System.Collections.Immutable;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Diff;

/// <summary>
/// Compares the effective permissions of two snapshots per binding subject, as tuples (subject, scope, verb, API group,
/// resource, resource name) and (subject, verb, non-resource URL). Grants that can never authorize anything (a
/// non-resource rule through a RoleBinding) are left out; so is <c>system:masters</c>, which holds everything always.
/// </summary>
public static class PermissionDrift
{
    /// <summary>Tuples gained and lost, sorted by subject, scope and permission.</summary>
    public static ImmutableArray<PermissionChange> Compare(PermissionIndex before, PermissionIndex after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = Tuples(before);
        var now = Tuples(after);
        var changes = now.Where(t => !old.Contains(t)).Select(t => new PermissionChange(t, Gained: true))
            .Concat(old.Where(t => !now.Contains(t)).Select(t => new PermissionChange(t, Gained: false)));
        return [.. changes.OrderBy(c => c.Permission).ThenBy(c => c.Gained)];
    }

    /// <summary>Every effective permission tuple held through a binding.</summary>
    public static HashSet<PermissionTuple> Tuples(PermissionIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var set = new HashSet<PermissionTuple>();
        foreach (var grant in index.AllGrants())
        {
            if (grant.Kind != GrantKind.Binding || !grant.IsEffective)
            {
                continue;
            }

            var subject = grant.Subject.ToString();
            var rule = grant.Rule;
            foreach (var verb in rule.Verbs)
            {
                // RoleBindings never grant non-resource URLs (IsEffective excludes URL-only rules; mixed rules keep their resources).
                if (grant.Namespace is null)
                {
                    foreach (var url in rule.NonResourceUrls)
                    {
                        set.Add(new PermissionTuple(subject, null, verb, null, null, null, url));
                    }
                }

                foreach (var group in rule.ApiGroups)
                {
                    foreach (var resource in rule.Resources)
                    {
                        if (rule.ResourceNames.IsEmpty)
                        {
                            set.Add(new PermissionTuple(subject, grant.Namespace, verb, group, resource, null, null));
                            continue;
                        }

                        foreach (var name in rule.ResourceNames)
                        {
                            set.Add(new PermissionTuple(subject, grant.Namespace, verb, group, resource, name, null));
                        }
                    }
                }
            }
        }

        return set;
    }
}
