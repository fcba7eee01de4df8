using System.Collections.Concurrent;
using System.Collections.Immutable;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Snapshot;

namespace ComplianceScanner.Core.Duties;

/// <summary>
/// Who holds which duty where, and whether scanner.yaml allows it: for every subject of the permission index, the
/// duties it holds per scope (cluster-wide or per namespace) with the covering grants, judged against its layer or
/// team. The RBAC boundary rules, <c>explain SUBJECT</c> and the report's "who can do what" matrix all read it.
/// </summary>
/// <remarks>
/// <para>
/// Semantics. S1: a subject holds a duty in a scope when a grant there covers at least one of the duty's atomic
/// permissions for every object name (a grant limited by resourceNames holds nothing; a RoleBinding's rules on
/// cluster-scoped resources hold nothing, see <see cref="ClusterScopedResources"/>). S2: a held permission is allowed
/// when at least one duty describing it is allowed to the subject in that scope. S3: cluster and security layer duties
/// are allowed cluster-wide, a team's only in the team's namespaces.
/// </para>
/// <para>
/// Cost. The complete table (<see cref="Subjects"/>) visits every binding once and checks each role rule against the
/// duty rules and capabilities once, however many bindings use it (what <see cref="PermissionIndex.WhoHolds"/> computes
/// per duty rule, for all of them in one pass). <see cref="Of"/> on an analysis whose complete table is not built computes one subject
/// from its own grants; <see cref="WithBindingChanged"/> derives the next analysis by recomputing only the subjects of
/// the changed binding. Both ways give the same result.
/// </para>
/// </remarks>
public sealed class DutyAnalysis
{
    private readonly DutyModel model;
    private readonly ConcurrentDictionary<Subject, SubjectEntry> computed = new();
    private readonly Lazy<ImmutableDictionary<Subject, SubjectEntry>> complete;
    private readonly Lazy<ImmutableArray<SubjectDuties>> holders;
    private readonly Lazy<EscalationAnalysis> escalations;
    private readonly ImmutableDictionary<Subject, SubjectEntry>? seed;
    private readonly bool seeded;

    private DutyAnalysis(
        DutyModel model,
        PermissionIndex permissions,
        ClusterSnapshot snapshot,
        ImmutableDictionary<Subject, SubjectEntry>? seed,
        IReadOnlyCollection<Subject> changed,
        EscalationAnalysis? previousEscalations)
    {
        this.model = model;
        Permissions = permissions;
        Snapshot = snapshot;
        this.seed = seed;
        seeded = seed is not null;
        complete = seed is null
            ? new Lazy<ImmutableDictionary<Subject, SubjectEntry>>(BuildComplete, LazyThreadSafetyMode.ExecutionAndPublication)
            : new Lazy<ImmutableDictionary<Subject, SubjectEntry>>(() => Reseed(seed, changed), LazyThreadSafetyMode.ExecutionAndPublication);
        holders = new Lazy<ImmutableArray<SubjectDuties>>(
            () => [.. complete.Value.Values.Where(e => e.Duties.HoldsAny).Select(e => e.Duties).OrderBy(d => d.Subject, SubjectOrder.Instance)],
            LazyThreadSafetyMode.ExecutionAndPublication);
        escalations = new Lazy<EscalationAnalysis>(
            () => previousEscalations is null ? new EscalationAnalysis(this) : previousEscalations.DeriveFor(this, changed),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ScannerConfig Config => model.Config;

    public PermissionIndex Permissions { get; }

    public ClusterSnapshot Snapshot { get; }

    public NamespaceOwnership Ownership => model.Ownership;

    /// <summary>Every governed permission (an atomic permission some duty describes) with the duties describing it.</summary>
    public ImmutableArray<GovernedPermission> GovernedPermissions => model.GovernedPermissions;

    /// <summary>The duties describing an atomic permission, sorted; empty when it is not governed.</summary>
    public ImmutableArray<string> DutiesDescribing(PolicyRule tuple)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        return model.Governed.TryGetValue(tuple, out var g) ? g.Duties : [];
    }

    /// <summary>True when the complete table is built or derived, so <see cref="Subjects"/> costs no index-wide query.</summary>
    public bool IsComplete => seeded || complete.IsValueCreated;

    /// <summary>Every subject (canonical) holding at least one duty somewhere, sorted. Builds the complete table.</summary>
    public ImmutableArray<SubjectDuties> Subjects => holders.Value;

    /// <summary>Escalation paths into duties (SOD-RBAC-006), computed on first use.</summary>
    public EscalationAnalysis Escalations => escalations.Value;

    /// <summary>Builds the analysis of a permission index against a config. Nothing is computed until asked.</summary>
    public static DutyAnalysis Build(ScannerConfig config, PermissionIndex permissions, NamespaceOwnership ownership, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(ownership);
        ArgumentNullException.ThrowIfNull(snapshot);
        return new DutyAnalysis(new DutyModel(config, ownership), permissions, snapshot, null, [], null);
    }

    /// <summary>The duties of a subject (any form; judged canonical), with its declaration. Empty holdings when it holds none.</summary>
    public SubjectDuties Of(Subject subject) => Entry(subject).Duties;

    /// <summary>What scanner.yaml says about a subject.</summary>
    public SubjectDeclaration Declaration(Subject subject) => model.Declare(SubjectIdentity.Canonical(subject));

    /// <summary>The duties allowed to a declared subject in a scope: its layer's anywhere, its team's in the team's namespaces.</summary>
    /// <param name="declaration">The subject's declaration.</param>
    /// <param name="ns">The namespace; null for cluster-wide (where no team duty is allowed).</param>
    public IReadOnlySet<string> AllowedDuties(SubjectDeclaration declaration, string? ns)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return model.AllowedDuties(declaration, ns);
    }

    /// <summary>
    /// True when the permission is allowed to the subject in the scope: some duty allowed there describes it (S2).
    /// Ungoverned permissions are never "allowed" (they need no allowance).
    /// </summary>
    public bool IsAllowed(SubjectDeclaration declaration, PolicyRule tuple, string? ns)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(tuple);
        return model.IsAllowed(tuple, model.AllowedDuties(declaration, ns));
    }

    /// <summary>A team's namespace, or one of its layer's (<c>separation: beyond: own-namespaces</c>); none for the undeclared.</summary>
    public bool IsOwnNamespace(SubjectDeclaration declaration, string ns)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(ns);
        return model.IsOwnNamespace(declaration, ns);
    }

    /// <summary>
    /// The analysis of the index after one binding changed: the complete table (when this one has it) is kept for every
    /// subject but <paramref name="changed"/>, which are recomputed from <paramref name="permissions"/>.
    /// </summary>
    /// <param name="permissions">The index after the change (<see cref="PermissionIndex.WithBindingChanged"/>).</param>
    /// <param name="snapshot">The snapshot after the change.</param>
    /// <param name="changed">The subjects of the binding before and after the change (<see cref="SubjectIdentity.Changed"/>).</param>
    public DutyAnalysis WithBindingChanged(PermissionIndex permissions, ClusterSnapshot snapshot, IEnumerable<Subject> changed)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(changed);
        List<Subject> subjects = [.. changed.Select(SubjectIdentity.Canonical).Distinct()];
        // Escalation targets are derived from this analysis's, when built, as the table is.
        return IsComplete
            ? new DutyAnalysis(model, permissions, snapshot, complete.Value, subjects, escalations.IsValueCreated ? escalations.Value : null)
            : new DutyAnalysis(model, permissions, snapshot, null, subjects, null);
    }

    internal DutyModel Model => model;

    /// <summary>
    /// Whether the subject held a duty in the analysis this one was derived from (<see cref="WithBindingChanged"/>);
    /// null when unknown (not derived, or derived from an analysis without its complete table).
    /// </summary>
    internal bool? PreviouslyHeldDuties(Subject subject) =>
        seed is null ? null : seed.TryGetValue(SubjectIdentity.Canonical(subject), out var e) && e.Duties.HoldsAny;

    /// <summary>Every analysed subject with a duty or a capability, in no particular order (builds the complete table).</summary>
    internal IEnumerable<SubjectEntry> UnorderedEntries => complete.Value.Values;

    internal SubjectEntry Entry(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var s = SubjectIdentity.Canonical(subject);
        if (IsComplete)
        {
            return complete.Value.TryGetValue(s, out var e) ? e : computed.GetOrAdd(s, Empty);
        }

        return computed.GetOrAdd(s, Compute);
    }

    private static bool IsQueryable(Subject s) => s.Kind switch
    {
        Subject.UserKind or Subject.GroupKind => true,
        Subject.ServiceAccountKind => !string.IsNullOrEmpty(s.Namespace),
        _ => false,
    };

    /// <summary>The tuples a held rule covers (and covers for named objects only), as the engine's WhoHolds computes them, less inert ones.</summary>
    private static (ImmutableArray<PolicyRule> Covered, ImmutableArray<PolicyRule> NamesOnly) Cover(
        PolicyRule rule, ImmutableArray<PolicyRule> tuples, bool includeNames, bool namespaced)
    {
        ImmutableArray<PolicyRule>.Builder? covered = null;
        ImmutableArray<PolicyRule>.Builder? namesOnly = null;
        PolicyRule? nameless = null;
        foreach (var tuple in tuples)
        {
            if (namespaced && ClusterScopedResources.IsInertInNamespace(tuple))
            {
                continue;
            }

            if (RuleCoverage.RuleCovers(rule, tuple))
            {
                (covered ??= ImmutableArray.CreateBuilder<PolicyRule>()).Add(tuple);
            }
            else if (includeNames && tuple.ResourceNames.IsEmpty && !rule.ResourceNames.IsEmpty
                && RuleCoverage.RuleCovers(nameless ??= rule with { ResourceNames = [] }, tuple))
            {
                (namesOnly ??= ImmutableArray.CreateBuilder<PolicyRule>()).Add(tuple);
            }
        }

        return (covered?.ToImmutable() ?? [], namesOnly?.ToImmutable() ?? []);
    }

    /// <summary>
    /// A cheap necessary condition for <see cref="Cover"/> finding anything: the held rule shares a verb, a group and a
    /// resource (or URLs) with the probe, wildcards included. Most role rules share nothing with most probes.
    /// </summary>
    private static bool MayCover(PolicyRule held, PolicyRule probe)
    {
        static bool Any(ImmutableArray<string> held, ImmutableArray<string> wanted, bool subresourceWildcards)
        {
            foreach (var h in held)
            {
                if (h == "*" || (subresourceWildcards && h.StartsWith("*/", StringComparison.Ordinal)))
                {
                    return true;
                }

                foreach (var w in wanted)
                {
                    if (h == w)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        if (!probe.NonResourceUrls.IsEmpty)
        {
            return !held.NonResourceUrls.IsEmpty && Any(held.Verbs, probe.Verbs, false);
        }

        return Any(held.Verbs, probe.Verbs, false) && Any(held.ApiGroups, probe.ApiGroups, false) && Any(held.Resources, probe.Resources, true);
    }

    private SubjectEntry Empty(Subject s) => new(new SubjectDuties(s, model.Declare(s), []), []);

    /// <summary>
    /// The complete table in one pass: every binding the index holds is visited once, in evaluation order, and each
    /// role rule is checked against the probes once however many bindings use it (no subject x rule pairing, no sort of
    /// all coverages). Equivalent to asking <see cref="PermissionIndex.WhoHolds"/> for every probe, and much cheaper.
    /// </summary>
    private ImmutableDictionary<Subject, SubjectEntry> BuildComplete()
    {
        var seen = new HashSet<(bool, string?, string)>();
        var bindings = new List<RbacBinding>(Snapshot.ClusterRoleBindings.Length + Snapshot.RoleBindings.Length);
        foreach (var b in Snapshot.ClusterRoleBindings.Concat(Snapshot.RoleBindings))
        {
            // The index keeps the first binding of a kind, namespace and name.
            if (seen.Add((b.IsClusterBinding, b.Metadata.Namespace, b.Metadata.Name)))
            {
                bindings.Add(b);
            }
        }

        bindings.Sort(BindingOrder.Instance);
        var memo = new RuleMemo();
        var lists = new Dictionary<Subject, List<ProbeHit>>();
        foreach (var binding in bindings)
        {
            if (Permissions.ResolveRoleRef(binding.RoleRef, binding.Metadata.Namespace) is not { } role || binding.Subjects.IsEmpty)
            {
                continue;
            }

            List<(Subject Canonical, Subject Entry)>? subjects = null;
            var ns = binding.Metadata.Namespace;
            foreach (var rule in role.Rules)
            {
                var covering = Covering(memo, rule, ns is not null);
                if (covering.Count == 0)
                {
                    continue;
                }

                subjects ??= SubjectIdentity.Entries(binding);
                foreach (var (canonical, entry) in subjects)
                {
                    var grant = new Grant(GrantKind.Binding, entry, ns, binding, role, rule.Rule, rule);
                    if (!lists.TryGetValue(canonical, out var list))
                    {
                        lists[canonical] = list = [];
                    }

                    foreach (var (probe, covered, namesOnly) in covering)
                    {
                        list.Add(new ProbeHit(probe, grant, covered, namesOnly));
                    }
                }
            }
        }

        var b2 = ImmutableDictionary.CreateBuilder<Subject, SubjectEntry>();
        foreach (var (s, hits) in lists)
        {
            b2[s] = MakeEntry(s, hits);
        }

        return b2.ToImmutable();
    }

    private List<(Probe, ImmutableArray<PolicyRule>, ImmutableArray<PolicyRule>)> Covering(
        RuleMemo memo, ResolvedRule rule, bool namespaced)
    {
        var table = namespaced ? memo.Namespaced : memo.ClusterWide;
        if (!table.TryGetValue(rule, out var covering))
        {
            covering = [];
            foreach (var probe in model.Probes)
            {
                if (!MayCover(rule.Rule, probe.Rule))
                {
                    continue;
                }

                var (covered, namesOnly) = Cover(rule.Rule, model.ProbeTuples[probe.Index], probe.IncludeNames, namespaced);
                if (!covered.IsEmpty || !namesOnly.IsEmpty)
                {
                    covering.Add((probe, covered, namesOnly));
                }
            }

            table[rule] = covering;
        }

        return covering;
    }

    private ImmutableDictionary<Subject, SubjectEntry> Reseed(ImmutableDictionary<Subject, SubjectEntry> seed, IReadOnlyCollection<Subject> changed)
    {
        var b = seed.ToBuilder();
        foreach (var s in changed)
        {
            var e = computed.GetOrAdd(s, Compute);
            if (e.IsEmpty)
            {
                b.Remove(s);
            }
            else
            {
                b[s] = e;
            }
        }

        return b.ToImmutable();
    }

    private SubjectEntry Compute(Subject s)
    {
        if (!IsQueryable(s))
        {
            return Empty(s);
        }

        // Many grants share a rule (one ClusterRole bound in many namespaces): cover each distinct rule once.
        var memo = new RuleMemo();
        var hits = new List<ProbeHit>();
        foreach (var grant in Permissions.For(s).Grants)
        {
            if (grant.Kind != GrantKind.Binding)
            {
                continue;
            }

            foreach (var (probe, covered, namesOnly) in Covering(memo, grant.Source!, grant.Namespace is not null))
            {
                hits.Add(new ProbeHit(probe, grant, covered, namesOnly));
            }
        }

        return hits.Count == 0 ? Empty(s) : MakeEntry(s, hits);
    }

    private static int CompareHits(ProbeHit x, ProbeHit y)
    {
        var c = BindingOrder.Instance.Compare(x.Grant.Binding, y.Grant.Binding);
        if (c == 0)
        {
            c = x.Grant.RuleIndex.CompareTo(y.Grant.RuleIndex);
        }

        return c != 0 ? c : x.Probe.Index.CompareTo(y.Probe.Index);
    }

    private SubjectEntry MakeEntry(Subject s, List<ProbeHit> hits)
    {
        // One fixed order whichever way the hits were found: binding (evaluation order), rule, probe.
        hits.Sort(CompareHits);
        var declaration = model.Declare(s);
        var groups = new Dictionary<(string Duty, string? Ns), List<ProbeHit>>();
        List<ProbeHit>? capabilities = null;
        foreach (var hit in hits)
        {
            if (hit.Probe.Duty is not { } duty)
            {
                (capabilities ??= []).Add(hit);
                continue;
            }

            var key = (duty, hit.Grant.Namespace);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(hit);
        }

        var holdings = new DutyHolding[groups.Count];
        var i = 0;
        foreach (var ((duty, ns), list) in groups)
        {
            var allowedSet = model.AllowedDuties(declaration, ns);
            var grants = new List<DutyGrant>(list.Count);
            for (var j = 0; j < list.Count;)
            {
                // Hits of one grant are adjacent (sorted by binding and rule): merge the tuples of the duty's rules.
                var first = list[j];
                var covered = new List<PolicyRule>(first.Covered);
                for (j++; j < list.Count && ReferenceEquals(list[j].Grant.Binding, first.Grant.Binding) && list[j].Grant.RuleIndex == first.Grant.RuleIndex; j++)
                {
                    foreach (var t in list[j].Covered)
                    {
                        if (!covered.Exists(c => ReferenceEquals(c, t)))
                        {
                            covered.Add(t);
                        }
                    }
                }

                ImmutableArray<PolicyRule> disallowed = [.. covered.Where(t => !model.IsAllowed(t, allowedSet))];
                grants.Add(new DutyGrant(first.Grant, [.. covered], disallowed));
            }

            holdings[i++] = new DutyHolding(duty, ns, allowedSet.Contains(duty), [.. grants]);
        }

        Array.Sort(holdings, static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Duty, b.Duty);
            if (c != 0 || a.Namespace == b.Namespace)
            {
                return c;
            }

            return a.Namespace is null ? -1 : b.Namespace is null ? 1 : string.CompareOrdinal(a.Namespace, b.Namespace);
        });
        return new SubjectEntry(new SubjectDuties(s, declaration, [.. holdings]), capabilities is null ? [] : [.. capabilities]);
    }
}
