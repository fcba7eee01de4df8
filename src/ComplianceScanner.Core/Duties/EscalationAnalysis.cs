using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Duties;

/// <summary>
/// Escalation paths into duties (SOD-RBAC-006): for a subject outside the cluster layer, every way its grants let it
/// obtain a duty in a scope where it neither holds it nor is allowed it (S4: RBAC write without <c>bind</c> or
/// <c>escalate</c> is delegation, which Kubernetes limits to the writer's own permissions, not a path).
/// </summary>
/// <remarks>
/// Paths: <c>bind</c> on roles with write on bindings (any role, or the named ones); <c>escalate</c> on roles with write
/// on roles; impersonating service accounts, users or groups (groups need a user or service account to impersonate too,
/// and naming <c>system:masters</c> yields everything); creating pods or workloads in a namespace (they run as any
/// existing service account there) and creating service-account tokens. A service account's reach includes what its
/// implicit groups <c>system:serviceaccounts:&lt;ns&gt;</c> and <c>system:serviceaccounts</c> hold. A subject already
/// holds what its own implicit groups hold, so that is never reported as reached.
/// </remarks>
public sealed class EscalationAnalysis
{
    private static readonly (string Group, string Resource)[] WorkloadResources =
    [
        (string.Empty, "pods"), (string.Empty, "replicationcontrollers"),
        ("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"), ("apps", "daemonsets"),
        ("batch", "jobs"), ("batch", "cronjobs"),
    ];

    private readonly DutyAnalysis analysis;
    private readonly ConcurrentDictionary<Subject, ImmutableArray<EscalationPath>> paths = new();
    private readonly Lazy<Targets> targets;
    private readonly FrozenSet<(string Ns, string Name)> serviceAccounts;
    private readonly FrozenSet<string> namespacesWithServiceAccounts;
    private readonly bool serviceAccountsUnknown;
    private readonly FrozenSet<string> namespacedDuties;

    internal EscalationAnalysis(DutyAnalysis analysis)
        : this(analysis, null, [])
    {
    }

    /// <summary>
    /// The analysis of <paramref name="analysis"/>, derived from <paramref name="previous"/> (the analysis before one binding
    /// changed) when its targets are built: only <paramref name="changed"/> (canonical) can differ, so their targets are
    /// replaced instead of sorting every duty holder again.
    /// </summary>
    private EscalationAnalysis(DutyAnalysis analysis, EscalationAnalysis? previous, IReadOnlyCollection<Subject> changed)
    {
        this.analysis = analysis;
        var snapshot = analysis.Snapshot;
        if (previous is not null && previous.analysis.Snapshot.ServiceAccounts == snapshot.ServiceAccounts
            && ReferenceEquals(previous.analysis.Model, analysis.Model))
        {
            // A binding change: the same service accounts and duties.
            serviceAccounts = previous.serviceAccounts;
            namespacesWithServiceAccounts = previous.namespacesWithServiceAccounts;
            serviceAccountsUnknown = previous.serviceAccountsUnknown;
            namespacedDuties = previous.namespacedDuties;
            // Only the previous targets are captured, not the previous analysis: derived analyses do not chain in memory.
            var seed = previous.targets.IsValueCreated ? previous.targets.Value : null;
            targets = seed is not null
                ? new Lazy<Targets>(() => Derive(seed, changed), LazyThreadSafetyMode.ExecutionAndPublication)
                : new Lazy<Targets>(BuildTargets, LazyThreadSafetyMode.ExecutionAndPublication);
            return;
        }

        serviceAccounts = snapshot.ServiceAccounts.Where(sa => sa.Metadata.Namespace is not null)
            .Select(sa => (sa.Metadata.Namespace!, sa.Metadata.Name)).ToFrozenSet();
        namespacesWithServiceAccounts = serviceAccounts.Select(s => s.Ns).ToFrozenSet(StringComparer.Ordinal);
        serviceAccountsUnknown = snapshot.Missing.Any(m => m.Kind.Equals("serviceaccounts", StringComparison.OrdinalIgnoreCase));
        var model = analysis.Model;
        namespacedDuties = model.Probes.Take(model.DutyProbeCount)
            .Where(p => model.ProbeTuples[p.Index].Any(t => !ClusterScopedResources.IsInertInNamespace(t)))
            .Select(p => p.Duty!)
            .ToFrozenSet(StringComparer.Ordinal);
        targets = new Lazy<Targets>(BuildTargets, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The analysis of <paramref name="next"/>, the duty analysis after a binding change of <paramref name="changed"/> (canonical).</summary>
    internal EscalationAnalysis DeriveFor(DutyAnalysis next, IReadOnlyCollection<Subject> changed) => new(next, this, changed);

    /// <summary>Every escalation path of the subject (any form; judged canonical), sorted by binding, kind, scope and target.</summary>
    public ImmutableArray<EscalationPath> PathsOf(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return paths.GetOrAdd(SubjectIdentity.Canonical(subject), Compute);
    }

    /// <summary>
    /// Subjects whose paths may change when the grants of <paramref name="changed"/> change, besides those subjects
    /// themselves: whoever can reach them (create pods or tokens in a changed service account's namespace, impersonate a
    /// changed user or group). Null when every subject's paths may change (an implicit group's duties changed).
    /// </summary>
    public IReadOnlyCollection<Subject>? RelatedTo(IEnumerable<Subject> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var result = new HashSet<Subject>();
        var index = analysis.Permissions;
        void Add(AuthorizationRequest request)
        {
            foreach (var access in index.WhoCan(request, includeSystemMasters: false))
            {
                result.Add(SubjectIdentity.Canonical(access.Subject));
            }
        }

        foreach (var subject in changed.Select(SubjectIdentity.Canonical).Distinct())
        {
            // A subject holding no duty before or after the change is nobody's target.
            if (!analysis.Of(subject).HoldsAny && analysis.PreviouslyHeldDuties(subject) == false)
            {
                continue;
            }

            switch (subject.Kind)
            {
                case Subject.GroupKind when IsImplicitGroup(subject.Name):
                    return null;
                case Subject.GroupKind:
                    Add(AuthorizationRequest.ForResource("impersonate", string.Empty, "groups", name: subject.Name));
                    break;
                case Subject.UserKind:
                    Add(AuthorizationRequest.ForResource("impersonate", string.Empty, "users", name: subject.Name));
                    break;
                case Subject.ServiceAccountKind:
                    var ns = subject.Namespace!;
                    foreach (var (group, resource) in WorkloadResources)
                    {
                        Add(AuthorizationRequest.ForResource("create", group, resource, ns));
                    }

                    Add(AuthorizationRequest.ForResource("create", string.Empty, "serviceaccounts", ns, subject.Name, "token"));
                    Add(AuthorizationRequest.ForResource("impersonate", string.Empty, "serviceaccounts", ns, subject.Name));
                    break;
            }
        }

        return result;
    }

    /// <summary>Subjects with at least one capability that can open a path (builds the complete table).</summary>
    internal IEnumerable<Subject> Candidates =>
        analysis.UnorderedEntries.Where(e => !e.Capabilities.IsEmpty).Select(e => e.Duties.Subject).Order(SubjectOrder.Instance);

    private static bool IsImplicitGroup(string group) =>
        group is UserInfo.AuthenticatedGroup or UserInfo.UnauthenticatedGroup or UserInfo.ServiceAccountsGroup
        || group.StartsWith(UserInfo.ServiceAccountNamespaceGroupPrefix, StringComparison.Ordinal);

    /// <summary>The implicit groups an identity is always in, whose duties it therefore already holds.</summary>
    private static IEnumerable<Subject> ImplicitGroups(Subject subject)
    {
        switch (subject.Kind)
        {
            case Subject.ServiceAccountKind:
                yield return Subject.Group(UserInfo.ServiceAccountNamespaceGroup(subject.Namespace!));
                yield return Subject.Group(UserInfo.ServiceAccountsGroup);
                yield return Subject.Group(UserInfo.AuthenticatedGroup);
                break;
            case Subject.UserKind when subject.Name == UserInfo.AnonymousUser:
                yield return Subject.Group(UserInfo.UnauthenticatedGroup);
                break;
            case Subject.GroupKind when subject.Name is UserInfo.UnauthenticatedGroup or UserInfo.AuthenticatedGroup:
                break;
            default:
                yield return Subject.Group(UserInfo.AuthenticatedGroup);
                break;
        }
    }

    private Targets BuildTargets()
    {
        var byNamespace = new Dictionary<string, List<SubjectDuties>>(StringComparer.Ordinal);
        var groups = new SortedDictionary<string, SubjectDuties>(StringComparer.Ordinal);
        var users = new List<SubjectDuties>();
        // Unordered: sorting every subject would cost more than a re-evaluation may; the lists are sorted below.
        foreach (var duties in analysis.UnorderedEntries.Select(e => e.Duties).Where(d => d.HoldsAny))
        {
            var s = duties.Subject;
            if (s.Kind == Subject.ServiceAccountKind)
            {
                if (!byNamespace.TryGetValue(s.Namespace!, out var list))
                {
                    byNamespace[s.Namespace!] = list = [];
                }

                list.Add(duties);
            }
            else if (s.Kind == Subject.GroupKind && s.Name.StartsWith(UserInfo.ServiceAccountNamespaceGroupPrefix, StringComparison.Ordinal))
            {
                groups[s.Name[UserInfo.ServiceAccountNamespaceGroupPrefix.Length..]] = duties;
            }
            else if (s.Kind == Subject.UserKind)
            {
                users.Add(duties);
            }
        }

        foreach (var list in byNamespace.Values)
        {
            list.Sort((a, b) => SubjectOrder.Instance.Compare(a.Subject, b.Subject));
        }

        return new Targets(
            byNamespace.ToDictionary(p => p.Key, p => p.Value.ToImmutableArray(), StringComparer.Ordinal),
            groups.ToImmutableSortedDictionary(StringComparer.Ordinal),
            [.. users.OrderBy(u => u.Subject, SubjectOrder.Instance)]);
    }

    /// <summary>
    /// <see cref="BuildTargets"/> of this analysis from the targets before the change: the changed subjects' entries are
    /// replaced by their new duties (dropped when they hold none), keeping each list's order.
    /// </summary>
    private Targets Derive(Targets before, IReadOnlyCollection<Subject> changed)
    {
        Dictionary<string, ImmutableArray<SubjectDuties>>? byNamespace = null;
        var groups = before.NamespaceGroups;
        var users = before.Users;
        static ImmutableArray<SubjectDuties> Replace(ImmutableArray<SubjectDuties> list, SubjectDuties duties)
        {
            var b = list.ToBuilder();
            b.RemoveAll(d => d.Subject.Equals(duties.Subject));
            if (duties.HoldsAny)
            {
                var at = 0;
                while (at < b.Count && SubjectOrder.Instance.Compare(b[at].Subject, duties.Subject) < 0)
                {
                    at++;
                }

                b.Insert(at, duties);
            }

            return b.ToImmutable();
        }

        foreach (var subject in changed.Distinct())
        {
            var duties = analysis.Of(subject);
            var s = duties.Subject;
            if (s.Kind == Subject.ServiceAccountKind)
            {
                byNamespace ??= new Dictionary<string, ImmutableArray<SubjectDuties>>(before.ServiceAccountsByNamespace, StringComparer.Ordinal);
                var list = Replace(byNamespace.GetValueOrDefault(s.Namespace!, []), duties);
                if (list.IsEmpty)
                {
                    byNamespace.Remove(s.Namespace!);
                }
                else
                {
                    byNamespace[s.Namespace!] = list;
                }
            }
            else if (s.Kind == Subject.GroupKind && s.Name.StartsWith(UserInfo.ServiceAccountNamespaceGroupPrefix, StringComparison.Ordinal))
            {
                var ns = s.Name[UserInfo.ServiceAccountNamespaceGroupPrefix.Length..];
                groups = duties.HoldsAny ? groups.SetItem(ns, duties) : groups.Remove(ns);
            }
            else if (s.Kind == Subject.UserKind)
            {
                users = Replace(users, duties);
            }
        }

        return byNamespace is null && groups == before.NamespaceGroups && users == before.Users
            ? before
            : new Targets(byNamespace ?? before.ServiceAccountsByNamespace, groups, users);
    }

    private bool ServiceAccountExists(string ns, string name) =>
        serviceAccountsUnknown
        || name == "default"
        || serviceAccounts.Contains((ns, name))
        || !namespacesWithServiceAccounts.Contains(ns);

    private ImmutableArray<EscalationPath> Compute(Subject subject)
    {
        var entry = analysis.Entry(subject);
        var declaration = entry.Duties.Declaration;
        if (declaration.Layer == Layer.Cluster || entry.Capabilities.IsEmpty)
        {
            return [];
        }

        return new PathBuilder(this, entry, declaration).Build();
    }

    /// <summary>Duty holders that paths can reach: service accounts by namespace, the per-namespace service-account groups, users.</summary>
    private sealed class Targets(
        IReadOnlyDictionary<string, ImmutableArray<SubjectDuties>> serviceAccountsByNamespace,
        ImmutableSortedDictionary<string, SubjectDuties> namespaceGroups,
        ImmutableArray<SubjectDuties> users)
    {
        private readonly Lazy<ImmutableArray<SubjectDuties>> all = new(
            () => [.. serviceAccountsByNamespace.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value)],
            LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>Service accounts holding duties, by namespace, each list sorted; never modified once built.</summary>
        public IReadOnlyDictionary<string, ImmutableArray<SubjectDuties>> ServiceAccountsByNamespace => serviceAccountsByNamespace;

        /// <summary>Every service account of <see cref="ServiceAccountsByNamespace"/>, by namespace then subject (built on first use).</summary>
        public ImmutableArray<SubjectDuties> AllServiceAccounts => all.Value;

        public ImmutableSortedDictionary<string, SubjectDuties> NamespaceGroups => namespaceGroups;

        public ImmutableArray<SubjectDuties> Users => users;
    }

    /// <summary>Computes one subject's paths.</summary>
    private sealed class PathBuilder(EscalationAnalysis owner, SubjectEntry entry, SubjectDeclaration declaration)
    {
        private readonly List<EscalationPath> result = [];
        private readonly HashSet<(RbacBinding, EscalationKind, string?, string)> seen = [];
        private readonly HashSet<string> heldClusterWide = new(StringComparer.Ordinal);
        private readonly HashSet<(string Duty, string Ns)> heldIn = [];
        private readonly Dictionary<Subject, ImmutableArray<EscalatedDuty>> reached = [];
        private readonly Dictionary<string, ImmutableArray<EscalatedDuty>> everything = new(StringComparer.Ordinal);
        private bool indexed;

        private DutyAnalysis Analysis => owner.analysis;

        private Targets Targets => owner.targets.Value;

        public ImmutableArray<EscalationPath> Build()
        {
            var hits = entry.Capabilities.ToLookup(h => h.Probe.Capability);
            foreach (var hit in hits[Capability.WorkloadCreate].Where(h => !h.Covered.IsEmpty))
            {
                ServiceAccountPaths(EscalationKind.WorkloadCreate, hit, hit.Grant.Namespace, names: null, mustExist: true, hits);
            }

            foreach (var hit in hits[Capability.TokenCreate])
            {
                ServiceAccountPaths(EscalationKind.TokenCreate, hit, hit.Grant.Namespace, NamesOf(hit), mustExist: true, hits);
            }

            foreach (var hit in hits[Capability.ImpersonateServiceAccounts])
            {
                ServiceAccountPaths(EscalationKind.ImpersonateServiceAccount, hit, hit.Grant.Namespace, NamesOf(hit), mustExist: false, hits);
            }

            foreach (var hit in hits[Capability.ImpersonateUsers])
            {
                var names = NamesOf(hit);
                foreach (var user in Targets.Users.Where(u => names is null || names.Contains(u.Subject.Name)))
                {
                    Add(EscalationKind.ImpersonateUser, hit.Grant, null, null, user.Subject.ToString(), () => Reached(user));
                }
            }

            var impersonatesSomeone = hits[Capability.ImpersonateUsers].FirstOrDefault() ?? hits[Capability.ImpersonateServiceAccounts].FirstOrDefault();
            if (impersonatesSomeone is not null)
            {
                foreach (var hit in hits[Capability.ImpersonateGroups])
                {
                    GroupPaths(hit, impersonatesSomeone.Grant);
                }
            }

            RolePaths(EscalationKind.Bind, hits[Capability.Bind], hits[Capability.BindingWrite]);
            RolePaths(EscalationKind.Escalate, hits[Capability.Escalate], hits[Capability.RoleWrite]);

            return [.. result
                .OrderBy(p => p.Binding, BindingOrder.Instance)
                .ThenBy(p => p.Kind)
                .ThenBy(p => p.Namespace is not null)
                .ThenBy(p => p.Namespace, StringComparer.Ordinal)
                .ThenBy(p => p.Target, StringComparer.Ordinal)];
        }

        /// <summary>The object names a grant is limited to, or null when it covers every name.</summary>
        private static FrozenSet<string>? NamesOf(ProbeHit hit) =>
            hit.Covered.IsEmpty ? hit.Grant.Rule.ResourceNames.ToFrozenSet(StringComparer.Ordinal) : null;

        /// <summary>The subject neither may hold nor holds (itself or through its implicit groups) the duty there.</summary>
        private bool Lacks(string duty, string? ns)
        {
            if (!indexed)
            {
                // What the subject holds, itself or as a member of its implicit groups, as sets: paths visit many targets.
                foreach (var duties in ImplicitGroups(entry.Duties.Subject).Select(owner.analysis.Of).Prepend(entry.Duties))
                {
                    foreach (var h in duties.Holdings)
                    {
                        if (h.Namespace is null)
                        {
                            heldClusterWide.Add(h.Duty);
                        }
                        else
                        {
                            heldIn.Add((h.Duty, h.Namespace));
                        }
                    }
                }

                indexed = true;
            }

            return !heldClusterWide.Contains(duty)
                && (ns is null || !heldIn.Contains((duty, ns)))
                && !Analysis.AllowedDuties(declaration, ns).Contains(duty);
        }

        /// <summary>The target's duties the subject lacks where the target holds them; each target is judged once per subject.</summary>
        private ImmutableArray<EscalatedDuty> Reached(SubjectDuties target)
        {
            if (!reached.TryGetValue(target.Subject, out var duties))
            {
                duties = [.. target.Holdings.Where(h => Lacks(h.Duty, h.Namespace)).Select(h => new EscalatedDuty(h.Duty, h.Namespace, [.. h.Grants.Select(g => g.Grant)]))];
                reached[target.Subject] = duties;
            }

            return duties;
        }

        /// <summary>Every duty, in a scope, for paths that reach any permission (bind or escalate on any role, system:masters).</summary>
        private ImmutableArray<EscalatedDuty> Everything(string? ns)
        {
            if (!everything.TryGetValue(ns ?? string.Empty, out var duties))
            {
                duties = [.. Analysis.Config.Duties.Keys
                    .Where(d => (ns is null || owner.namespacedDuties.Contains(d)) && Lacks(d, ns))
                    .Select(d => new EscalatedDuty(d, ns, []))];
                everything[ns ?? string.Empty] = duties;
            }

            return duties;
        }

        /// <summary>Adds a path unless the binding already has one of this kind, scope and target (another rule of the same role).</summary>
        private void Add(EscalationKind kind, Grant grant, Grant? companion, string? ns, string target, Func<ImmutableArray<EscalatedDuty>> reach)
        {
            if (!seen.Add((grant.Binding!, kind, ns, target)))
            {
                return;
            }

            var duties = reach();
            if (!duties.IsEmpty)
            {
                result.Add(new EscalationPath(kind, grant, companion, ns, target, [.. duties.OrderBy(d => d.Duty, StringComparer.Ordinal).ThenBy(d => d.Namespace is not null).ThenBy(d => d.Namespace, StringComparer.Ordinal)]));
            }
        }

        private static bool CanCreateServiceAccount(ILookup<Capability, ProbeHit> hits, string ns) =>
            hits[Capability.ServiceAccountCreate].Any(h => !h.Covered.IsEmpty && (h.Grant.Namespace is null || h.Grant.Namespace == ns));

        /// <summary>Paths that yield a service account's identity: its own duties, and its namespace groups'.</summary>
        private void ServiceAccountPaths(EscalationKind kind, ProbeHit hit, string? ns, FrozenSet<string>? names, bool mustExist, ILookup<Capability, ProbeHit> hits)
        {
            var accounts = ns is null ? Targets.AllServiceAccounts : Targets.ServiceAccountsByNamespace.GetValueOrDefault(ns, []);
            foreach (var sa in accounts)
            {
                var s = sa.Subject;
                if ((names is null || names.Contains(s.Name))
                    && (!mustExist || owner.ServiceAccountExists(s.Namespace!, s.Name) || CanCreateServiceAccount(hits, s.Namespace!)))
                {
                    Add(kind, hit.Grant, null, ns ?? s.Namespace, s.ToString(), () => Reached(sa));
                }
            }

            // Any service account of a namespace carries the namespace's and the cluster's service-account groups; one
            // that exists is needed for pods and tokens ("default" always does), any name will do for impersonation.
            var namespaces = ns is null ? Targets.NamespaceGroups.Keys : [ns];
            var anyReachable = false;
            foreach (var n in namespaces)
            {
                var reachable = names is null
                    || names.Any(name => !mustExist || owner.ServiceAccountExists(n, name) || CanCreateServiceAccount(hits, n));
                if (!reachable)
                {
                    continue;
                }

                anyReachable = true;
                if (Targets.NamespaceGroups.TryGetValue(n, out var group))
                {
                    Add(kind, hit.Grant, null, ns ?? n, group.Subject.ToString(), () => Reached(group));
                }
            }

            if (ns is null || anyReachable)
            {
                var all = Analysis.Of(Subject.Group(UserInfo.ServiceAccountsGroup));
                if (all.HoldsAny)
                {
                    Add(kind, hit.Grant, null, ns, all.Subject.ToString(), () => Reached(all));
                }
            }
        }

        private void GroupPaths(ProbeHit hit, Grant companion)
        {
            var names = NamesOf(hit);
            if (names is null || names.Contains(UserInfo.MastersGroup))
            {
                Add(EscalationKind.ImpersonateGroup, hit.Grant, companion, null, Subject.Group(UserInfo.MastersGroup).ToString(), () => Everything(null));
                return;
            }

            foreach (var name in names.Order(StringComparer.Ordinal))
            {
                var group = Analysis.Of(Subject.Group(name));

                Add(EscalationKind.ImpersonateGroup, hit.Grant, companion, null, group.Subject.ToString(), () => Reached(group));
            }
        }

        /// <summary>bind with write on bindings, or escalate with write on roles, in the scopes both grants share.</summary>
        private void RolePaths(EscalationKind kind, IEnumerable<ProbeHit> primaries, IEnumerable<ProbeHit> companions)
        {
            // One companion per scope is enough: cluster-wide, or per namespace.
            ProbeHit? clusterWide = null;
            var perNamespace = new SortedDictionary<string, ProbeHit>(StringComparer.Ordinal);
            foreach (var c in companions.Where(c => !c.Covered.IsEmpty))
            {
                if (c.Grant.Namespace is not { } ns)
                {
                    clusterWide ??= c;
                }
                else
                {
                    perNamespace.TryAdd(ns, c);
                }
            }

            foreach (var hit in primaries)
            {
                var scopes = new List<(string? Ns, ProbeHit Write)>();
                if (hit.Grant.Namespace is { } own)
                {
                    if ((clusterWide ?? perNamespace.GetValueOrDefault(own)) is { } write)
                    {
                        scopes.Add((own, write));
                    }
                }
                else
                {
                    if (clusterWide is not null)
                    {
                        // Every namespace at once: the per-namespace scopes would add nothing.
                        scopes.Add((null, clusterWide));
                    }
                    else
                    {
                        scopes.AddRange(perNamespace.Select(p => ((string?)p.Key, p.Value)));
                    }
                }

                var names = NamesOf(hit);
                foreach (var (ns, write) in scopes)
                {
                    if (names is null)
                    {
                        Add(kind, hit.Grant, write.Grant, ns, "any role", () => Everything(ns));
                    }
                    else if (kind == EscalationKind.Bind)
                    {
                        NamedRoles(hit, write, ns, names);
                    }
                    else if (BoundToAny(names, ns))
                    {
                        // escalate limited to named roles reaches everything only through a role the subject is bound to.
                        Add(kind, hit.Grant, write.Grant, ns, $"roles {string.Join(", ", names.Order(StringComparer.Ordinal))}", () => Everything(ns));
                    }
                }
            }
        }

        private bool BoundToAny(FrozenSet<string> names, string? ns) =>
            Analysis.Permissions.For(entry.Duties.Subject).Grants.Any(g =>
                g.Role is { } role && names.Contains(role.Role.Metadata.Name) && (ns is null || g.Namespace is null || g.Namespace == ns));

        /// <summary>bind limited to named roles: the duties those roles hold where the subject can bind them.</summary>
        private void NamedRoles(ProbeHit hit, ProbeHit write, string? ns, FrozenSet<string> names)
        {
            var resources = hit.NamesOnly.Select(t => t.Resources[0]).ToHashSet(StringComparer.Ordinal);
            var roles = new List<(ResolvedRole Role, string? Ns)>();
            foreach (var name in names.Order(StringComparer.Ordinal))
            {
                if (resources.Contains("clusterroles") && Analysis.Permissions.FindClusterRole(name) is { } cr)
                {
                    roles.Add((cr, ns));
                }

                if (!resources.Contains("roles"))
                {
                    continue;
                }

                if (ns is not null)
                {
                    if (Analysis.Permissions.FindRole(ns, name) is { } r)
                    {
                        roles.Add((r, ns));
                    }
                }
                else
                {
                    foreach (var role in Analysis.Snapshot.Roles.Where(r => r.Metadata.Name == name && r.Metadata.Namespace is not null))
                    {
                        if (Analysis.Permissions.FindRole(role.Metadata.Namespace!, name) is { } r)
                        {
                            roles.Add((r, role.Metadata.Namespace));
                        }
                    }
                }
            }

            foreach (var (role, scope) in roles)
            {
                Add(EscalationKind.Bind, hit.Grant, write.Grant, scope, role.DisplayName, () => [.. RoleDuties(role, scope).Where(d => Lacks(d, scope)).Select(d => new EscalatedDuty(d, scope, []))]);
            }
        }

        /// <summary>Duties a role's rules hold when bound in the scope.</summary>
        private SortedSet<string> RoleDuties(ResolvedRole role, string? ns)
        {
            var model = Analysis.Model;
            var found = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var probe in model.Probes.Take(model.DutyProbeCount))
            {
                foreach (var tuple in model.ProbeTuples[probe.Index])
                {
                    if ((ns is null || !ClusterScopedResources.IsInertInNamespace(tuple)) && role.Rules.Any(r => RuleCoverage.RuleCovers(r.Rule, tuple)))
                    {
                        found.Add(probe.Duty!);
                        break;
                    }
                }
            }

            return found;
        }
    }
}
