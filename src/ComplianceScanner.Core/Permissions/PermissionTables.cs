using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// The lookup tables of a <see cref="PermissionIndex"/>: bindings by subject key, by namespace, by role and by name.
/// Tables are built in place once. <see cref="CopyForChange"/> gives a copy-on-write view: a table, a list or an inner
/// map is copied the first time the change touches it, so the previous index stays valid and unchanged, and a change
/// costs the size of the tables it touches (a RoleBinding change never copies the ClusterRoleBinding tables).
/// </summary>
internal sealed class PermissionTables
{
    private readonly bool buildMode;
    private readonly HashSet<object> owned = new(ReferenceEqualityComparer.Instance);

    private Dictionary<SubjectKey, List<Posting>> crbBySubject;
    private Dictionary<SubjectKey, Dictionary<string, List<Posting>>> rbBySubject;
    private Dictionary<string, List<BindingEntry>> rbByNamespace;
    private Dictionary<ResolvedRole, List<BindingEntry>> crbByRole;
    private Dictionary<ResolvedRole, List<BindingEntry>> rbByRole;
    private Dictionary<string, BindingEntry> crbByName;

    public PermissionTables()
    {
        buildMode = true;
        crbBySubject = [];
        rbBySubject = [];
        rbByNamespace = new(StringComparer.Ordinal);
        crbByRole = [];
        rbByRole = [];
        crbByName = new(StringComparer.Ordinal);
    }

    private PermissionTables(PermissionTables source)
    {
        buildMode = false;
        crbBySubject = source.crbBySubject;
        rbBySubject = source.rbBySubject;
        rbByNamespace = source.rbByNamespace;
        crbByRole = source.crbByRole;
        rbByRole = source.rbByRole;
        crbByName = source.crbByName;
        RoleBindingCount = source.RoleBindingCount;
    }

    /// <summary>ClusterRoleBinding subjects by key.</summary>
    public IReadOnlyDictionary<SubjectKey, List<Posting>> CrbBySubject => crbBySubject;

    /// <summary>RoleBinding subjects by key, then by namespace.</summary>
    public IReadOnlyDictionary<SubjectKey, Dictionary<string, List<Posting>>> RbBySubject => rbBySubject;

    /// <summary>RoleBindings by namespace (dangling ones included).</summary>
    public IReadOnlyDictionary<string, List<BindingEntry>> RbByNamespace => rbByNamespace;

    /// <summary>Resolved ClusterRoleBindings by role.</summary>
    public IReadOnlyDictionary<ResolvedRole, List<BindingEntry>> CrbByRole => crbByRole;

    /// <summary>Resolved RoleBindings by role.</summary>
    public IReadOnlyDictionary<ResolvedRole, List<BindingEntry>> RbByRole => rbByRole;

    /// <summary>ClusterRoleBindings by name (dangling ones included).</summary>
    public IReadOnlyDictionary<string, BindingEntry> CrbByName => crbByName;

    public int RoleBindingCount { get; private set; }

    public int Count => crbByName.Count + RoleBindingCount;

    /// <summary>Every binding (ClusterRoleBindings, then RoleBindings), in no particular order.</summary>
    public IEnumerable<BindingEntry> All => crbByName.Values.Concat(rbByNamespace.Values.SelectMany(l => l));

    public PermissionTables CopyForChange() => new(this);

    /// <summary>The indexed binding of that kind, namespace and name, if any.</summary>
    public BindingEntry? Find(BindingId id)
    {
        if (id.IsCluster)
        {
            return crbByName.GetValueOrDefault(id.Name);
        }

        return rbByNamespace.TryGetValue(id.Namespace, out var list) ? list.Find(e => e.Id == id) : null;
    }

    /// <summary>Adds a binding; false (and nothing added) when one with the same identity is already present.</summary>
    public bool Add(BindingEntry entry)
    {
        if (entry.IsCluster)
        {
            if (crbByName.ContainsKey(entry.Binding.Metadata.Name))
            {
                return false;
            }

            Own(ref crbByName)[entry.Binding.Metadata.Name] = entry;
        }
        else
        {
            if (Find(entry.Id) is not null)
            {
                return false;
            }

            Writable(Own(ref rbByNamespace), entry.Namespace).Add(entry);
            RoleBindingCount++;
        }

        for (var i = 0; i < entry.Keys.Length; i++)
        {
            if (entry.Keys[i] is not { } key)
            {
                continue;
            }

            if (entry.IsCluster)
            {
                Writable(Own(ref crbBySubject), key).Add(new Posting(entry, i));
            }
            else
            {
                Writable(WritableInner(key), entry.Namespace).Add(new Posting(entry, i));
            }
        }

        if (entry.Role is not null)
        {
            Writable(entry.IsCluster ? Own(ref crbByRole) : Own(ref rbByRole), entry.Role).Add(entry);
        }

        return true;
    }

    public void Remove(BindingEntry entry)
    {
        if (entry.IsCluster)
        {
            if (!crbByName.TryGetValue(entry.Binding.Metadata.Name, out var present) || !ReferenceEquals(present, entry))
            {
                return;
            }

            Own(ref crbByName).Remove(entry.Binding.Metadata.Name);
        }
        else
        {
            if (!ReferenceEquals(Find(entry.Id), entry))
            {
                return;
            }

            RemoveFrom(Own(ref rbByNamespace), entry.Namespace, e => ReferenceEquals(e, entry));
            RoleBindingCount--;
        }

        foreach (var key in entry.Keys.OfType<SubjectKey>().Distinct())
        {
            if (entry.IsCluster)
            {
                RemoveFrom(Own(ref crbBySubject), key, p => ReferenceEquals(p.Entry, entry));
            }
            else if (rbBySubject.ContainsKey(key))
            {
                var inner = WritableInner(key);
                RemoveFrom(inner, entry.Namespace, p => ReferenceEquals(p.Entry, entry));
                if (inner.Count == 0)
                {
                    rbBySubject.Remove(key);
                }
            }
        }

        if (entry.Role is not null)
        {
            RemoveFrom(entry.IsCluster ? Own(ref crbByRole) : Own(ref rbByRole), entry.Role, e => ReferenceEquals(e, entry));
        }
    }

    /// <summary>The key a normalized subject (ServiceAccount namespace resolved) is indexed under.</summary>
    public static SubjectKey KeyOf(Subject subject) => subject.Kind switch
    {
        Subject.GroupKind => new SubjectKey(true, subject.Name),
        Subject.ServiceAccountKind => new SubjectKey(false, UserInfo.ServiceAccountUserName(subject.Namespace ?? string.Empty, subject.Name)),
        _ => new SubjectKey(false, subject.Name),
    };

    private void RemoveFrom<TKey, T>(Dictionary<TKey, List<T>> dict, TKey key, Predicate<T> match)
        where TKey : notnull
    {
        if (!dict.ContainsKey(key))
        {
            return;
        }

        var list = Writable(dict, key);
        list.RemoveAll(match);
        if (list.Count == 0)
        {
            dict.Remove(key);
        }
    }

    /// <summary>The table itself in build mode or once copied; otherwise a copy that replaces it in this view.</summary>
    private Dictionary<TKey, TValue> Own<TKey, TValue>(ref Dictionary<TKey, TValue> table)
        where TKey : notnull
    {
        if (buildMode || owned.Contains(table))
        {
            return table;
        }

        table = new Dictionary<TKey, TValue>(table, table.Comparer);
        owned.Add(table);
        return table;
    }

    private Dictionary<string, List<Posting>> WritableInner(SubjectKey key)
    {
        var outer = Own(ref rbBySubject);
        if (!outer.TryGetValue(key, out var inner))
        {
            inner = new(StringComparer.Ordinal);
            outer[key] = inner;
            MarkOwned(inner);
            return inner;
        }

        if (buildMode || owned.Contains(inner))
        {
            return inner;
        }

        var copy = new Dictionary<string, List<Posting>>(inner, StringComparer.Ordinal);
        outer[key] = copy;
        MarkOwned(copy);
        return copy;
    }

    private List<T> Writable<TKey, T>(Dictionary<TKey, List<T>> dict, TKey key)
        where TKey : notnull
    {
        if (!dict.TryGetValue(key, out var list))
        {
            list = [];
            dict[key] = list;
            MarkOwned(list);
            return list;
        }

        if (buildMode || owned.Contains(list))
        {
            return list;
        }

        var copy = new List<T>(list);
        dict[key] = copy;
        MarkOwned(copy);
        return copy;
    }

    private void MarkOwned(object created)
    {
        // In build mode everything is owned; tracking is only needed for copy-on-write.
        if (!buildMode)
        {
            owned.Add(created);
        }
    }
}
