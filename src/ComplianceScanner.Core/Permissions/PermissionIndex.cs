using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// Effective RBAC permissions of a snapshot, answering the questions the Kubernetes RBAC authorizer answers
/// (<c>plugin/pkg/auth/authorizer/rbac</c>, <c>pkg/registry/rbac/validation/rule.go</c>) with provenance.
/// </summary>
/// <remarks>
/// <para>
/// Semantics, as in Kubernetes: ClusterRoleBindings grant everywhere; RoleBindings only in their namespace (also when they
/// reference a ClusterRole), never for cluster-scoped or all-namespaces requests (namespace <c>""</c>) nor non-resource
/// URLs; a RoleBinding's Role is looked up in the binding's namespace; a ClusterRoleBinding can only use a ClusterRole;
/// unresolvable roleRefs grant nothing and are listed in <see cref="DanglingBindings"/>; User and Group subjects match the
/// user name and groups exactly; a ServiceAccount subject matches the user <c>system:serviceaccount:ns:name</c> (in a
/// RoleBinding its namespace defaults to the binding's); <c>system:masters</c> holds everything. Aggregated ClusterRoles
/// grant per <see cref="PermissionIndexOptions.AggregatedRules"/>.
/// </para>
/// <para>
/// Bindings are indexed by subject key (user name or group) and namespace, and by role; no query pairs every binding with
/// every role. The index is immutable; <see cref="WithBindingChanged"/> derives a new one for a changed binding, copying
/// only the lookup lists the binding appears in.
/// </para>
/// </remarks>
public sealed class PermissionIndex
{
    private static readonly Subject MastersSubject = Subject.Group(UserInfo.MastersGroup);

    private readonly FrozenDictionary<string, ResolvedRole> clusterRoles;
    private readonly FrozenDictionary<(string Ns, string Name), ResolvedRole> roles;
    private readonly FrozenSet<(string Ns, string Name)> serviceAccounts;
    private readonly FrozenSet<string> namespacesWithServiceAccounts;
    private readonly PermissionTables tables;
    private readonly Lazy<ImmutableArray<Subject>> subjects;
    private readonly Lazy<ImmutableArray<SubjectBinding>> allSubjectBindings;

    private PermissionIndex(
        PermissionIndexOptions options,
        ClusterRoleAggregation aggregation,
        FrozenDictionary<string, ResolvedRole> clusterRoles,
        FrozenDictionary<(string Ns, string Name), ResolvedRole> roles,
        FrozenSet<(string Ns, string Name)> serviceAccounts,
        FrozenSet<string> namespacesWithServiceAccounts,
        PermissionTables tables,
        ImmutableArray<DanglingBinding> dangling,
        ImmutableArray<IneffectiveSubject> ineffective,
        ImmutableArray<UnresolvedServiceAccount> unresolved)
    {
        Options = options;
        Aggregation = aggregation;
        this.clusterRoles = clusterRoles;
        this.roles = roles;
        this.serviceAccounts = serviceAccounts;
        this.namespacesWithServiceAccounts = namespacesWithServiceAccounts;
        this.tables = tables;
        DanglingBindings = dangling;
        IneffectiveSubjects = ineffective;
        UnresolvedServiceAccounts = unresolved;
        subjects = new Lazy<ImmutableArray<Subject>>(CollectSubjects);
        allSubjectBindings = new Lazy<ImmutableArray<SubjectBinding>>(
            () => [.. this.tables.All.SelectMany(SubjectBindingsOf)],
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public PermissionIndexOptions Options { get; }

    /// <summary>Every aggregated ClusterRole with its computed rules and how they compare with the rules it carries.</summary>
    public ClusterRoleAggregation Aggregation { get; }

    /// <summary>Bindings whose roleRef resolves to nothing, by kind, namespace and name.</summary>
    public ImmutableArray<DanglingBinding> DanglingBindings { get; }

    /// <summary>Binding subjects that can never match anybody.</summary>
    public ImmutableArray<IneffectiveSubject> IneffectiveSubjects { get; }

    /// <summary>Information only: ServiceAccount subjects missing from namespaces whose other ServiceAccounts are present.</summary>
    public ImmutableArray<UnresolvedServiceAccount> UnresolvedServiceAccounts { get; }

    /// <summary>Number of indexed bindings (duplicates of kind, namespace and name keep the first).</summary>
    public int BindingCount => tables.Count;

    /// <summary>Every distinct subject named by a binding, as the authorizer reads it, sorted.</summary>
    public ImmutableArray<Subject> Subjects => subjects.Value;

    /// <summary>Indexes the snapshot's roles and bindings.</summary>
    public static PermissionIndex Build(ClusterSnapshot snapshot, PermissionIndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        options ??= PermissionIndexOptions.Default;
        var allRoles = snapshot.ClusterRoles.Concat(snapshot.Roles).ToList();
        var aggregation = ClusterRoleAggregator.Aggregate(allRoles.Where(r => r.IsClusterRole));

        var clusterRoleMap = new Dictionary<string, ResolvedRole>(StringComparer.Ordinal);
        var roleMap = new Dictionary<(string, string), ResolvedRole>();
        foreach (var role in allRoles)
        {
            if (role.IsClusterRole)
            {
                if (!clusterRoleMap.ContainsKey(role.Metadata.Name))
                {
                    clusterRoleMap[role.Metadata.Name] = Resolve(role, aggregation, options);
                }
            }
            else
            {
                var key = (role.Metadata.Namespace!, role.Metadata.Name);
                if (!roleMap.ContainsKey(key))
                {
                    roleMap[key] = Resolve(role, aggregation, options);
                }
            }
        }

        var sas = snapshot.ServiceAccounts
            .Where(sa => sa.Metadata.Namespace is not null)
            .Select(sa => (sa.Metadata.Namespace!, sa.Metadata.Name))
            .ToFrozenSet();
        var saNamespaces = sas.Select(s => s.Item1).ToFrozenSet(StringComparer.Ordinal);

        var index = new PermissionIndex(
            options,
            aggregation,
            clusterRoleMap.ToFrozenDictionary(StringComparer.Ordinal),
            roleMap.ToFrozenDictionary(),
            sas,
            saNamespaces,
            new PermissionTables(),
            [],
            [],
            []);

        var added = new List<BindingEntry>();
        foreach (var binding in snapshot.ClusterRoleBindings.Concat(snapshot.RoleBindings))
        {
            var entry = index.CreateEntry(binding);
            if (index.tables.Add(entry))
            {
                added.Add(entry);
            }
        }

        return index.WithLists([], added);
    }

    /// <summary>The ClusterRole of that name, resolved; null when absent.</summary>
    public ResolvedRole? FindClusterRole(string name) => clusterRoles.GetValueOrDefault(name);

    /// <summary>The Role of that namespace and name, resolved; null when absent.</summary>
    public ResolvedRole? FindRole(string ns, string name) => roles.GetValueOrDefault((ns, name));

    /// <summary>
    /// Resolves a roleRef as <c>GetRoleReferenceRules</c> does: Role in <paramref name="bindingNamespace"/> (never for a
    /// cluster binding, whose namespace is null), or ClusterRole. Null when it does not resolve.
    /// </summary>
    public ResolvedRole? ResolveRoleRef(RoleRef roleRef, string? bindingNamespace)
    {
        ArgumentNullException.ThrowIfNull(roleRef);
        return roleRef.Kind switch
        {
            "Role" when !string.IsNullOrEmpty(bindingNamespace) => FindRole(bindingNamespace, roleRef.Name),
            "ClusterRole" => FindClusterRole(roleRef.Name),
            _ => null,
        };
    }

    /// <summary>
    /// Decides a request as the API server would with RBAC (after the <c>system:masters</c> bypass): allowed when a rule
    /// of a ClusterRoleBinding applying to the user, or — for a request with a namespace — of a RoleBinding in that
    /// namespace, allows it. Bindings are visited ClusterRoleBindings first, each list by namespace and name.
    /// </summary>
    /// <param name="user">The user; groups are taken as given (use <see cref="UserInfo.ForSubject"/> for implicit groups).</param>
    /// <param name="request">The request.</param>
    /// <param name="collectAll">Find every allowing grant (in <see cref="AuthorizationDecision.Matches"/>), not only the first.</param>
    public AuthorizationDecision Authorize(UserInfo user, AuthorizationRequest request, bool collectAll = false)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        Grant? first = null;
        var matches = ImmutableArray.CreateBuilder<Grant>();
        List<string>? errors = null;

        if (user.IsSystemMaster)
        {
            first = MastersGrant(request.IsResourceRequest ? Grant.AllResources : Grant.AllNonResourceUrls);
            matches.Add(first);
            if (!collectAll)
            {
                return new AuthorizationDecision(true, first, matches.ToImmutable(), [], first.AuthorizerReason);
            }
        }

        // Non-resource requests carry no namespace, so only ClusterRoleBindings are visited (as in the authorizer).
        var ns = request.IsResourceRequest ? request.Namespace : string.Empty;
        foreach (var posting in Postings(KeysOf(user), ns, allNamespaces: false))
        {
            var role = posting.Entry.Role;
            if (role is null)
            {
                (errors ??= []).Add(posting.Entry.Dangling!.Message);
                continue;
            }

            foreach (var rule in role.Rules)
            {
                if (!RuleMatching.RuleAllows(rule.Rule, request))
                {
                    continue;
                }

                var grant = MakeGrant(posting, rule);
                first ??= grant;
                matches.Add(grant);
                if (!collectAll)
                {
                    return new AuthorizationDecision(true, first, matches.ToImmutable(), ToArray(errors), first.AuthorizerReason);
                }
            }
        }

        if (first is not null)
        {
            return new AuthorizationDecision(true, first, matches.ToImmutable(), ToArray(errors), first.AuthorizerReason);
        }

        var reason = $"RBAC: no rules authorize user \"{user.Name}\" with groups [{string.Join(", ", user.Groups)}] to {request}";
        if (errors is not null)
        {
            reason += $"; resolution errors: {string.Join("; ", errors)}";
        }

        return new AuthorizationDecision(false, null, [], ToArray(errors), reason);
    }

    /// <summary>
    /// Every subject, as named in bindings (a Group subject is reported as the group, not its members), holding a grant that
    /// allows the request; each with one grant per binding (its first allowing rule). <c>Group:system:masters</c> comes
    /// first when <paramref name="includeSystemMasters"/>.
    /// </summary>
    public ImmutableArray<SubjectAccess> WhoCan(AuthorizationRequest request, bool includeSystemMasters = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = new List<Grant>();
        var firstAllowing = new Dictionary<ResolvedRole, ResolvedRule?>();
        ResolvedRule? FirstAllowing(ResolvedRole role)
        {
            if (!firstAllowing.TryGetValue(role, out var rule))
            {
                rule = role.Rules.FirstOrDefault(r => RuleMatching.RuleAllows(r.Rule, request));
                firstAllowing[role] = rule;
            }

            return rule;
        }

        foreach (var (role, entries) in tables.CrbByRole)
        {
            if (FirstAllowing(role) is { } rule)
            {
                foreach (var entry in entries)
                {
                    AddSubjectGrants(found, entry, rule);
                }
            }
        }

        var ns = request.IsResourceRequest ? request.Namespace : string.Empty;
        if (ns.Length > 0 && tables.RbByNamespace.TryGetValue(ns, out var rbs))
        {
            foreach (var entry in rbs)
            {
                if (entry.Role is not null && FirstAllowing(entry.Role) is { } rule)
                {
                    AddSubjectGrants(found, entry, rule);
                }
            }
        }

        var result = found
            .GroupBy(g => g.Subject)
            .Select(g => new SubjectAccess(g.Key, [.. g.OrderBy(x => x, GrantOrder.Instance)]))
            .OrderBy(a => a.Subject, SubjectOrder.Instance)
            .ToList();
        if (includeSystemMasters)
        {
            result.Insert(0, new SubjectAccess(MastersSubject, [MastersGrant(request.IsResourceRequest ? Grant.AllResources : Grant.AllNonResourceUrls)]));
        }

        return [.. result];
    }

    /// <summary>
    /// The grants of bindings that name this subject: for a Group, bindings naming the group; for a User or ServiceAccount,
    /// bindings naming that user name (a ServiceAccount subject and a User subject <c>system:serviceaccount:ns:name</c> are
    /// the same identity). Implicit groups are not included, because they belong to users, not to subjects: use
    /// <see cref="For(UserInfo)"/> with <see cref="UserInfo.ForSubject"/> for everything an identity can do.
    /// </summary>
    /// <exception cref="ArgumentException">A ServiceAccount without namespace, or an unknown kind.</exception>
    public EffectiveGrants For(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var key = KeyFor(subject);
        var masters = subject.Kind == Subject.GroupKind && subject.Name == UserInfo.MastersGroup;
        return Effective(subject.ToString(), [key], masters);
    }

    /// <summary>
    /// Everything a user holds: grants of bindings naming its name or any of its groups (including the implicit ones it
    /// carries), plus everything when it is in <c>system:masters</c>.
    /// </summary>
    public EffectiveGrants For(UserInfo user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Effective(user.ToString(), KeysOf(user), user.IsSystemMaster);
    }

    /// <summary>
    /// The bindings that name this subject exactly as <see cref="For(Subject)"/> matches it (dangling ones included), in
    /// evaluation order, each once, with the subject entry that applies. Cheaper than <see cref="For(Subject)"/> when a
    /// caller judges whole bindings: no grant is built per rule.
    /// </summary>
    /// <exception cref="ArgumentException">A ServiceAccount without namespace, or an unknown kind.</exception>
    public ImmutableArray<SubjectBinding> BindingsOf(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var postings = Postings([KeyFor(subject)], string.Empty, allNamespaces: true);
        var result = ImmutableArray.CreateBuilder<SubjectBinding>(postings.Count);
        foreach (var posting in postings)
        {
            var entry = posting.Entry;
            result.Add(new SubjectBinding(entry.Subjects[posting.SubjectIndex]!, entry.Binding, entry.Role, entry.Dangling));
        }

        return result.MoveToImmutable();
    }

    /// <summary>
    /// Every binding with every subject it names, each subject key once per binding (its first entry, as
    /// <see cref="BindingsOf"/> reports it), dangling bindings included; in no particular order. The union over all
    /// <see cref="Subjects"/> of <see cref="BindingsOf"/>, in one pass over the bindings.
    /// </summary>
    public IEnumerable<SubjectBinding> AllSubjectBindings() => allSubjectBindings.Value;

    /// <summary>
    /// What <see cref="AllSubjectBindings"/> yields for the one indexed binding of that kind (<c>RoleBinding</c> or
    /// <c>ClusterRoleBinding</c>), namespace and name; empty when there is none.
    /// </summary>
    public IEnumerable<SubjectBinding> SubjectBindingsOf(ObjectReference binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var cluster = binding.Kind == "ClusterRoleBinding";
        if (!cluster && binding.Kind != "RoleBinding")
        {
            return [];
        }

        var entry = tables.Find(new BindingId(cluster, cluster ? string.Empty : binding.Namespace ?? string.Empty, binding.Name));
        return entry is null ? [] : SubjectBindingsOf(entry);
    }

    /// <summary>Every grant of every binding, in evaluation order (for rules that inspect all grants, e.g. wildcards).</summary>
    public IEnumerable<Grant> AllGrants()
    {
        foreach (var entry in tables.All.OrderBy(e => e, Comparer<BindingEntry>.Create(BindingEntry.Compare)))
        {
            if (entry.Role is null)
            {
                continue;
            }

            for (var i = 0; i < entry.Subjects.Length; i++)
            {
                if (entry.Subjects[i] is null)
                {
                    continue;
                }

                foreach (var rule in entry.Role.Rules)
                {
                    yield return MakeGrant(new Posting(entry, i), rule);
                }
            }
        }
    }

    /// <summary>
    /// The grants of <see cref="For(Subject)"/> that cover part of <paramref name="dutyRule"/>, with the tuples they cover
    /// (see <see cref="RuleCoverage"/>; RoleBinding grants never cover non-resource tuples).
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="dutyRule">The described permission; wildcards in it are literal tuples, covered only by wildcards.</param>
    /// <param name="includeNameRestricted">Also report grants restricted to resourceNames that would otherwise cover nameless tuples.</param>
    public ImmutableArray<DutyCoverage> GrantsCovering(Subject subject, PolicyRule dutyRule, bool includeNameRestricted = false) =>
        Cover(For(subject).Grants, dutyRule, includeNameRestricted);

    /// <summary>As <see cref="GrantsCovering(Subject, PolicyRule, bool)"/> for everything a user holds (<see cref="For(UserInfo)"/>).</summary>
    public ImmutableArray<DutyCoverage> GrantsCovering(UserInfo user, PolicyRule dutyRule, bool includeNameRestricted = false) =>
        Cover(For(user).Grants, dutyRule, includeNameRestricted);

    /// <summary>
    /// Every binding subject holding a grant that covers part of <paramref name="dutyRule"/>, sorted by subject then
    /// evaluation order. Each role is checked once, however many bindings reference it.
    /// </summary>
    public ImmutableArray<DutyCoverage> WhoHolds(PolicyRule dutyRule, bool includeNameRestricted = false, bool includeSystemMasters = true)
    {
        ArgumentNullException.ThrowIfNull(dutyRule);
        var tuples = RuleCoverage.Breakdown(dutyRule);
        var result = new List<DutyCoverage>();
        if (includeSystemMasters)
        {
            foreach (var rule in new[] { Grant.AllResources, Grant.AllNonResourceUrls })
            {
                if (CoverOne(MastersGrant(rule), tuples, includeNameRestricted) is { } c)
                {
                    result.Add(c);
                }
            }
        }

        foreach (var (role, entries) in tables.CrbByRole)
        {
            CollectCoverage(result, role, entries, tuples, includeNameRestricted, namespaced: false);
        }

        foreach (var (role, entries) in tables.RbByRole)
        {
            CollectCoverage(result, role, entries, tuples, includeNameRestricted, namespaced: true);
        }

        return [.. result.OrderBy(c => c.Grant, GrantOrder.Instance)];
    }

    /// <summary>
    /// A new index in which <paramref name="before"/> is replaced by <paramref name="after"/>: pass null as
    /// <paramref name="before"/> to add, null as <paramref name="after"/> to remove. Bindings are identified by kind,
    /// namespace and name; this index is not modified. Roles are fixed: changing a role needs <see cref="Build"/>.
    /// </summary>
    public PermissionIndex WithBindingChanged(RbacBinding? before, RbacBinding? after)
    {
        var next = tables.CopyForChange();
        var removed = new List<BindingEntry>();
        foreach (var binding in new[] { before, after })
        {
            if (binding is not null && next.Find(IdOf(binding)) is { } existing && !removed.Contains(existing))
            {
                next.Remove(existing);
                removed.Add(existing);
            }
        }

        var added = new List<BindingEntry>();
        if (after is not null)
        {
            var entry = CreateEntry(after);
            next.Add(entry);
            added.Add(entry);
        }

        return new PermissionIndex(
            Options, Aggregation, clusterRoles, roles, serviceAccounts, namespacesWithServiceAccounts, next,
            DanglingBindings, IneffectiveSubjects, UnresolvedServiceAccounts).WithLists(removed, added);
    }

    private static ResolvedRole Resolve(RbacRole role, ClusterRoleAggregation aggregation, PermissionIndexOptions options)
    {
        var agg = role.IsClusterRole && role.IsAggregated ? aggregation.Find(role.Metadata.Name) : null;
        if (agg is null || !ReferenceEquals(agg.Role, role))
        {
            return new ResolvedRole(role, ResolvedRule.Declared(role), null);
        }

        var rules = options.AggregatedRules switch
        {
            AggregatedRulesMode.Computed => agg.ComputedRules,
            AggregatedRulesMode.Declared => ResolvedRule.Declared(role),
            _ => Union(agg.ComputedRules, role),
        };
        return new ResolvedRole(role, rules, agg);
    }

    private static ImmutableArray<ResolvedRule> Union(ImmutableArray<ResolvedRule> computed, RbacRole role)
    {
        var present = computed.Select(r => r.Rule).ToHashSet();
        var b = computed.ToBuilder();
        for (var i = 0; i < role.Rules.Length; i++)
        {
            if (present.Add(role.Rules[i]))
            {
                b.Add(new ResolvedRule(role.Rules[i], b.Count, role, i, []));
            }
        }

        return b.ToImmutable();
    }

    private static BindingId IdOf(RbacBinding binding) =>
        new(binding.IsClusterBinding, binding.Metadata.Namespace ?? string.Empty, binding.Metadata.Name);

    private static ImmutableArray<string> ToArray(List<string>? errors) => errors is null ? [] : [.. errors];

    private static Grant MastersGrant(PolicyRule rule) => new(GrantKind.SystemMasters, MastersSubject, null, null, null, rule, null);

    private static Grant MakeGrant(Posting posting, ResolvedRule rule) =>
        new(GrantKind.Binding, posting.Entry.Subjects[posting.SubjectIndex]!, posting.Entry.GrantNamespace, posting.Entry.Binding, posting.Entry.Role, rule.Rule, rule);

    private static List<SubjectKey> KeysOf(UserInfo user)
    {
        var keys = new List<SubjectKey>(user.Groups.Length + 1) { new(false, user.Name) };
        foreach (var g in user.Groups)
        {
            var key = new SubjectKey(true, g);
            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private static SubjectKey KeyFor(Subject subject) => subject.Kind switch
    {
        Subject.UserKind or Subject.GroupKind => PermissionTables.KeyOf(subject),
        Subject.ServiceAccountKind when !string.IsNullOrEmpty(subject.Namespace) => PermissionTables.KeyOf(subject),
        Subject.ServiceAccountKind => throw new ArgumentException($"ServiceAccount subject '{subject.Name}' has no namespace.", nameof(subject)),
        _ => throw new ArgumentException(
            $"Unknown subject kind '{subject.Kind}' (expected {Subject.UserKind}, {Subject.GroupKind} or {Subject.ServiceAccountKind}).",
            nameof(subject)),
    };

    private static bool IsDuplicateSubject(BindingEntry entry, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (Equals(entry.Subjects[j], entry.Subjects[index]))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<SubjectBinding> SubjectBindingsOf(BindingEntry entry)
    {
        for (var i = 0; i < entry.Subjects.Length; i++)
        {
            if (entry.Subjects[i] is { } subject && !IsDuplicateKey(entry, i))
            {
                yield return new SubjectBinding(subject, entry.Binding, entry.Role, entry.Dangling);
            }
        }
    }

    /// <summary>An earlier subject of the binding has the same index key (the same identity, e.g. a ServiceAccount and its user name).</summary>
    private static bool IsDuplicateKey(BindingEntry entry, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (entry.Keys[j] is { } key && key.Equals(entry.Keys[index]))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddSubjectGrants(List<Grant> found, BindingEntry entry, ResolvedRule rule)
    {
        for (var i = 0; i < entry.Subjects.Length; i++)
        {
            if (entry.Subjects[i] is not null && !IsDuplicateSubject(entry, i))
            {
                found.Add(MakeGrant(new Posting(entry, i), rule));
            }
        }
    }

    private static bool CoversIgnoringNames(PolicyRule owned, PolicyRule tuple) =>
        tuple.ResourceNames.IsEmpty && !owned.ResourceNames.IsEmpty && RuleCoverage.RuleCovers(owned with { ResourceNames = [] }, tuple);

    private static DutyCoverage? CoverOne(Grant grant, ImmutableArray<PolicyRule> tuples, bool includeNameRestricted)
    {
        var (covered, namesOnly) = CoverTuples(grant.Rule, tuples, includeNameRestricted, namespaced: grant.Namespace is not null);
        return covered.IsEmpty && namesOnly.IsEmpty ? null : new DutyCoverage(grant, covered, namesOnly);
    }

    /// <summary>The tuples a held rule covers, and those it covers for named objects only; RoleBinding grants never cover URLs.</summary>
    private static (ImmutableArray<PolicyRule> Covered, ImmutableArray<PolicyRule> NamesOnly) CoverTuples(
        PolicyRule rule, ImmutableArray<PolicyRule> tuples, bool includeNameRestricted, bool namespaced)
    {
        ImmutableArray<PolicyRule>.Builder? covered = null;
        ImmutableArray<PolicyRule>.Builder? namesOnly = null;
        foreach (var tuple in tuples)
        {
            if (namespaced && !tuple.NonResourceUrls.IsEmpty)
            {
                continue;
            }

            if (RuleCoverage.RuleCovers(rule, tuple))
            {
                (covered ??= ImmutableArray.CreateBuilder<PolicyRule>()).Add(tuple);
            }
            else if (includeNameRestricted && CoversIgnoringNames(rule, tuple))
            {
                (namesOnly ??= ImmutableArray.CreateBuilder<PolicyRule>()).Add(tuple);
            }
        }

        return (covered?.ToImmutable() ?? [], namesOnly?.ToImmutable() ?? []);
    }

    /// <summary>Adds a coverage per subject and covering rule of every binding of one role; the rules are checked once.</summary>
    private static void CollectCoverage(
        List<DutyCoverage> result, ResolvedRole role, List<BindingEntry> entries, ImmutableArray<PolicyRule> tuples, bool includeNameRestricted, bool namespaced)
    {
        List<(ResolvedRule Rule, ImmutableArray<PolicyRule> Covered, ImmutableArray<PolicyRule> NamesOnly)>? covering = null;
        foreach (var rule in role.Rules)
        {
            var (covered, namesOnly) = CoverTuples(rule.Rule, tuples, includeNameRestricted, namespaced);
            if (!covered.IsEmpty || !namesOnly.IsEmpty)
            {
                (covering ??= []).Add((rule, covered, namesOnly));
            }
        }

        if (covering is null)
        {
            return;
        }

        foreach (var entry in entries)
        {
            for (var i = 0; i < entry.Subjects.Length; i++)
            {
                if (entry.Subjects[i] is null || IsDuplicateSubject(entry, i))
                {
                    continue;
                }

                foreach (var (rule, covered, namesOnly) in covering)
                {
                    result.Add(new DutyCoverage(MakeGrant(new Posting(entry, i), rule), covered, namesOnly));
                }
            }
        }
    }

    private static ImmutableArray<DutyCoverage> Cover(ImmutableArray<Grant> grants, PolicyRule dutyRule, bool includeNameRestricted)
    {
        ArgumentNullException.ThrowIfNull(dutyRule);
        var tuples = RuleCoverage.Breakdown(dutyRule);
        var result = ImmutableArray.CreateBuilder<DutyCoverage>();
        foreach (var grant in grants)
        {
            if (CoverOne(grant, tuples, includeNameRestricted) is { } c)
            {
                result.Add(c);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Postings of the keys: ClusterRoleBindings, plus RoleBindings of <paramref name="ns"/> (when non-empty) or of every
    /// namespace; sorted in evaluation order, one per binding (its first applying subject, as <c>appliesTo</c> picks).
    /// </summary>
    private List<Posting> Postings(List<SubjectKey> keys, string ns, bool allNamespaces)
    {
        var result = new List<Posting>();
        foreach (var key in keys)
        {
            if (tables.CrbBySubject.TryGetValue(key, out var crbs))
            {
                result.AddRange(crbs);
            }

            if (!tables.RbBySubject.TryGetValue(key, out var byNs))
            {
                continue;
            }

            if (allNamespaces)
            {
                foreach (var list in byNs.Values)
                {
                    result.AddRange(list);
                }
            }
            else if (ns.Length > 0 && byNs.TryGetValue(ns, out var rbs))
            {
                result.AddRange(rbs);
            }
        }

        if (result.Count > 1)
        {
            result.Sort(BindingEntry.Compare);
            var w = 1;
            for (var r = 1; r < result.Count; r++)
            {
                if (!ReferenceEquals(result[r].Entry, result[w - 1].Entry))
                {
                    result[w++] = result[r];
                }
            }

            result.RemoveRange(w, result.Count - w);
        }

        return result;
    }

    private EffectiveGrants Effective(string identity, List<SubjectKey> keys, bool masters)
    {
        var grants = ImmutableArray.CreateBuilder<Grant>();
        List<string>? errors = null;
        if (masters)
        {
            grants.Add(MastersGrant(Grant.AllResources));
            grants.Add(MastersGrant(Grant.AllNonResourceUrls));
        }

        foreach (var posting in Postings(keys, string.Empty, allNamespaces: true))
        {
            if (posting.Entry.Role is null)
            {
                (errors ??= []).Add(posting.Entry.Dangling!.Message);
                continue;
            }

            foreach (var rule in posting.Entry.Role.Rules)
            {
                grants.Add(MakeGrant(posting, rule));
            }
        }

        return new EffectiveGrants(identity, masters, grants.ToImmutable(), ToArray(errors));
    }

    private BindingEntry CreateEntry(RbacBinding binding)
    {
        var ns = binding.Metadata.Namespace ?? string.Empty;
        var roleRef = binding.RoleRef;
        ResolvedRole? role = null;
        DanglingReason? reason = null;
        switch (roleRef.Kind)
        {
            case "Role" when binding.IsClusterBinding:
                reason = DanglingReason.RoleInClusterBinding;
                break;
            case "Role":
                role = FindRole(ns, roleRef.Name);
                reason = role is null ? DanglingReason.RoleNotFound : null;
                break;
            case "ClusterRole":
                role = FindClusterRole(roleRef.Name);
                reason = role is null ? DanglingReason.ClusterRoleNotFound : null;
                break;
            default:
                reason = DanglingReason.UnsupportedKind;
                break;
        }

        var count = binding.Subjects.Length;
        var subjectsOut = new Subject?[count];
        var keysOut = new SubjectKey?[count];
        List<IneffectiveSubject>? ineffective = null;
        List<UnresolvedServiceAccount>? unresolved = null;
        for (var i = 0; i < count; i++)
        {
            var s = binding.Subjects[i];
            Subject? normalized = null;
            SubjectKey key = default;
            switch (s.Kind)
            {
                case Subject.UserKind:
                    // The authorizer ignores a User's or Group's namespace; reuse the subject when it has none.
                    normalized = s.Namespace is null ? s : Subject.User(s.Name);
                    key = new SubjectKey(false, s.Name);
                    break;
                case Subject.GroupKind:
                    normalized = s.Namespace is null ? s : Subject.Group(s.Name);
                    key = new SubjectKey(true, s.Name);
                    break;
                case Subject.ServiceAccountKind:
                    // appliesToUser defaults a ServiceAccount's namespace to the binding's; a cluster binding has none.
                    var saNs = string.IsNullOrEmpty(s.Namespace) ? ns : s.Namespace;
                    if (saNs.Length == 0)
                    {
                        (ineffective ??= []).Add(new IneffectiveSubject(binding, i, s,
                            $"ServiceAccount \"{s.Name}\" has no namespace, and a ClusterRoleBinding has none to default to: it never matches"));
                        break;
                    }

                    normalized = string.Equals(s.Namespace, saNs, StringComparison.Ordinal) ? s : Subject.ServiceAccount(saNs, s.Name);
                    key = new SubjectKey(false, UserInfo.ServiceAccountUserName(saNs, s.Name));
                    if (namespacesWithServiceAccounts.Contains(saNs)
                        && s.Name != "default"
                        && !serviceAccounts.Contains((saNs, s.Name)))
                    {
                        (unresolved ??= []).Add(new UnresolvedServiceAccount(normalized, binding));
                    }

                    break;
                default:
                    (ineffective ??= []).Add(new IneffectiveSubject(binding, i, s,
                        $"subject kind \"{s.Kind}\" is not User, Group or ServiceAccount (kinds are case-sensitive): it never matches"));
                    break;
            }

            subjectsOut[i] = normalized;
            keysOut[i] = normalized is null ? null : key;
        }

        return new BindingEntry(
            binding,
            role,
            reason is { } r ? Dangling(binding, r) : null,
            ImmutableCollectionsMarshal.AsImmutableArray(subjectsOut),
            ImmutableCollectionsMarshal.AsImmutableArray(keysOut),
            ineffective is null ? [] : [.. ineffective],
            unresolved is null ? [] : [.. unresolved]);
    }

    private static DanglingBinding Dangling(RbacBinding binding, DanglingReason reason)
    {
        var what = $"{binding.Kind} {binding.Metadata.QualifiedName}";
        var roleRef = binding.RoleRef;
        var message = reason switch
        {
            DanglingReason.RoleInClusterBinding =>
                $"{what} references Role \"{roleRef.Name}\"; a ClusterRoleBinding can only use a ClusterRole, so it grants nothing",
            DanglingReason.RoleNotFound =>
                $"{what} references Role \"{roleRef.Name}\", which does not exist in namespace {binding.Metadata.Namespace}; it grants nothing",
            DanglingReason.ClusterRoleNotFound =>
                $"{what} references ClusterRole \"{roleRef.Name}\", which does not exist; it grants nothing",
            _ => $"{what} has roleRef kind \"{roleRef.Kind}\" (only Role and ClusterRole exist); it grants nothing",
        };
        return new DanglingBinding(binding, reason, message);
    }

    /// <summary>This index with its binding-derived lists updated for removed and added entries.</summary>
    private PermissionIndex WithLists(List<BindingEntry> removed, List<BindingEntry> added)
    {
        bool Gone(RbacBinding b) => removed.Exists(e => ReferenceEquals(e.Binding, b));
        var order = Comparer<RbacBinding>.Create((a, b) => a.Reference.CompareTo(b.Reference));
        var dangling = DanglingBindings.Where(d => !Gone(d.Binding))
            .Concat(added.Where(e => e.Dangling is not null).Select(e => e.Dangling!))
            .OrderBy(d => d.Binding, order);
        var ineffective = IneffectiveSubjects.Where(d => !Gone(d.Binding))
            .Concat(added.SelectMany(e => e.Ineffective))
            .OrderBy(d => d.Binding, order).ThenBy(d => d.SubjectIndex);
        var unresolved = UnresolvedServiceAccounts.Where(d => !Gone(d.Binding))
            .Concat(added.SelectMany(e => e.UnresolvedServiceAccounts))
            .OrderBy(d => d.Binding, order).ThenBy(d => d.ServiceAccount);
        return new PermissionIndex(
            Options, Aggregation, clusterRoles, roles, serviceAccounts, namespacesWithServiceAccounts, tables,
            [.. dangling], [.. ineffective], [.. unresolved]);
    }

    private ImmutableArray<Subject> CollectSubjects() =>
        [.. tables.All.SelectMany(e => e.Subjects).OfType<Subject>().Distinct().Order(SubjectOrder.Instance)];
}
