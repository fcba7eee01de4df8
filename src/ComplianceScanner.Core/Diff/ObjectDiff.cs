using System.Collections.Immutable;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Core.Diff;

/// <summary>
/// Compares the Ingresses, IngressClasses, Roles, ClusterRoles, RoleBindings and ClusterRoleBindings of two snapshots
/// field by field. Objects are matched by kind, namespace and name.
/// </summary>
public static class ObjectDiff
{
    /// <summary>The kinds whose changes are tracked.</summary>
    public static ImmutableArray<string> TrackedKinds { get; } = ["ClusterRole", "ClusterRoleBinding", "Ingress", "IngressClass", "Role", "RoleBinding"];

    /// <summary>Every added, removed or modified tracked object, sorted by kind, namespace and name.</summary>
    public static ImmutableArray<ObjectChange> Compare(ClusterSnapshot before, ClusterSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = Index(before);
        var now = Index(after);
        var changes = new List<ObjectChange>();
        foreach (var (reference, obj) in now)
        {
            if (!old.TryGetValue(reference, out var previous))
            {
                changes.Add(new ObjectChange(
                    reference,
                    ObjectChangeKind.Added,
                    [.. ObjectFields.Of(obj).Select(f => new FieldChange(f.Key, null, f.Value))],
                    [.. obj.Metadata.ManagedFields.Where(IsObjectWrite)]));
            }
            else if (Modified(previous, obj) is { IsEmpty: false } fields)
            {
                changes.Add(new ObjectChange(reference, ObjectChangeKind.Modified, fields, Writers(previous, obj)));
            }
        }

        foreach (var (reference, obj) in old)
        {
            if (!now.ContainsKey(reference))
            {
                changes.Add(new ObjectChange(
                    reference,
                    ObjectChangeKind.Removed,
                    [.. ObjectFields.Of(obj).Select(f => new FieldChange(f.Key, f.Value, null))],
                    []));
            }
        }

        return [.. changes.OrderBy(c => c.Object)];
    }

    /// <summary>The fields that differ, in the later object's field order, then fields only the earlier one had.</summary>
    public static ImmutableArray<FieldChange> Modified(KubeObject before, KubeObject after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = ObjectFields.Of(before);
        var now = ObjectFields.Of(after);
        var oldMap = ToMap(old);
        var nowMap = ToMap(now);
        var result = ImmutableArray.CreateBuilder<FieldChange>();
        if (before.Metadata.Uid is { } u1 && after.Metadata.Uid is { } u2 && !string.Equals(u1, u2, StringComparison.Ordinal))
        {
            // Same name, new object: deleted and created again between the scans.
            result.Add(new FieldChange("metadata.uid", u1, u2));
        }

        foreach (var (path, value) in now)
        {
            var was = oldMap.GetValueOrDefault(path);
            if (!string.Equals(was, value, StringComparison.Ordinal))
            {
                result.Add(new FieldChange(path, was, value));
            }
        }

        foreach (var (path, value) in old)
        {
            if (!nowMap.ContainsKey(path))
            {
                result.Add(new FieldChange(path, value, null));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// managedFields entries of <paramref name="after"/> that wrote the object since <paramref name="before"/>: a manager
    /// (with its operation) that is new, or whose time is later than before.
    /// </summary>
    public static ImmutableArray<ManagedFieldsEntry> Writers(KubeObject before, KubeObject after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Metadata.ManagedFields
            .Where(IsObjectWrite)
            .GroupBy(m => (m.Manager, m.Operation))
            .ToDictionary(g => g.Key, g => g.Max(m => m.Time));
        return [.. after.Metadata.ManagedFields.Where(m => IsObjectWrite(m)
            && (!old.TryGetValue((m.Manager, m.Operation), out var time) || (m.Time is { } t && (time is null || t > time))))];
    }

    private static bool IsObjectWrite(ManagedFieldsEntry entry) => string.IsNullOrEmpty(entry.Subresource);

    private static Dictionary<string, string> ToMap(ImmutableArray<KeyValuePair<string, string>> fields)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in fields)
        {
            map.TryAdd(k, v);
        }

        return map;
    }

    private static Dictionary<ObjectReference, KubeObject> Index(ClusterSnapshot snapshot)
    {
        var map = new Dictionary<ObjectReference, KubeObject>();
        IEnumerable<KubeObject> all = [
            .. snapshot.Ingresses, .. snapshot.IngressClasses, .. snapshot.Roles, .. snapshot.ClusterRoles,
            .. snapshot.RoleBindings, .. snapshot.ClusterRoleBindings];
        foreach (var obj in all)
        {
            // Duplicates (the same object in two manifests) keep the first, as the permission index does.
            map.TryAdd(obj.Reference, obj);
        }

        return map;
    }
}
