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
/// Cost. The complete table (<see cref="Subjects"/>) asks <see cref="PermissionIndex.WhoHolds"/> once per duty rule and
/// capability, never per subject. <see cref="Of"/> on an analysis whose complete table is not built computes one subject
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
        IReadOnlyCollection<Subject> changed)
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
        escalations = new Lazy<EscalationAnalysis>(() => new EscalationAnalysis(this), LazyThreadSafetyMode.ExecutionAndPublication);
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
        return new DutyAnalysis(new DutyModel(config, ownership), permissions, snapshot, null, []);
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
        return new DutyAnalysis(model, permissions, snapshot, IsComplete ? complete.Value : null, subjects);
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

    private static ImmutableArray<PolicyRule> WithoutInert(ImmutableArray<PolicyRule> tuples, bool namespaced) =>
        !namespaced || !tuples.Any(ClusterScopedResources.IsInertInNamespace) ? tuples : [.. tuples.Where(t => !ClusterScopedResources.IsInertInNamespace(t))];

    private SubjectEntry Empty(Subject s) => new(new SubjectDuties(s, model.Declare(s), []), []);

    private ImmutableDictionary<Subject, SubjectEntry> BuildComplete()
    {
        var lists = new Dictionary<Subject, List<ProbeHit>>();
        foreach (var probe in model.Probes)
        {
            foreach (var c in Permissions.WhoHolds(probe.Rule, probe.IncludeNames, includeSystemMasters: false))
            {
                var namespaced = c.Grant.Namespace is not null;
                var covered = WithoutInert(c.Covered, namespaced);
                var namesOnly = WithoutInert(c.CoveredForNamesOnly, namespaced);
                if (covered.IsEmpty && namesOnly.IsEmpty)
                {
                    continue;
                }

                var s = SubjectIdentity.Canonical(c.Subject);
                if (!lists.TryGetValue(s, out var list))
                {
                    lists[s] = list = [];
                }

                list.Add(new ProbeHit(probe, c.Grant, covered, namesOnly));
            }
        }

        var b = ImmutableDictionary.CreateBuilder<Subject, SubjectEntry>();
        foreach (var (s, hits) in lists)
        {
            b[s] = MakeEntry(s, hits);
        }

        return b.ToImmutable();
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
        var byRule = new Dictionary<(PolicyRule Rule, bool Namespaced), List<(Probe, ImmutableArray<PolicyRule>, ImmutableArray<PolicyRule>)>>();
        var hits = new List<ProbeHit>();
        foreach (var grant in Permissions.For(s).Grants)
        {
            if (grant.Kind != GrantKind.Binding)
            {
                continue;
            }

            var key = (grant.Rule, grant.Namespace is not null);
            if (!byRule.TryGetValue(key, out var covering))
            {
                covering = [];
                foreach (var probe in model.Probes)
                {
                    var (covered, namesOnly) = Cover(grant.Rule, model.ProbeTuples[probe.Index], probe.IncludeNames, key.Item2);
                    if (!covered.IsEmpty || !namesOnly.IsEmpty)
                    {
                        covering.Add((probe, covered, namesOnly));
                    }
                }

                byRule[key] = covering;
            }

            foreach (var (probe, covered, namesOnly) in covering)
            {
                hits.Add(new ProbeHit(probe, grant, covered, namesOnly));
            }
        }

        return hits.Count == 0 ? Empty(s) : MakeEntry(s, hits);
    }

    private SubjectEntry MakeEntry(Subject s, List<ProbeHit> hits)
    {
        // One hit per probe, binding and rule (a binding naming the same identity twice counts once), in a fixed order.
        var seen = new HashSet<(int, RbacBinding, int)>();
        var ordered = hits
            .OrderBy(h => h.Probe.Index)
            .ThenBy(h => h.Grant.Binding, BindingOrder.Instance)
            .ThenBy(h => h.Grant.RuleIndex)
            .Where(h => seen.Add((h.Probe.Index, h.Grant.Binding!, h.Grant.RuleIndex)))
            .ToList();

        var declaration = model.Declare(s);
        var holdings = ImmutableArray.CreateBuilder<DutyHolding>();
        var groups = ordered.Where(h => h.Probe.Duty is not null)
            .GroupBy(h => (Duty: h.Probe.Duty!, h.Grant.Namespace))
            .OrderBy(g => g.Key.Duty, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Namespace is not null)
            .ThenBy(g => g.Key.Namespace, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var allowedSet = model.AllowedDuties(declaration, group.Key.Namespace);
            var grants = group
                .GroupBy(h => (h.Grant.Binding!, h.Grant.RuleIndex))
                .Select(g =>
                {
                    ImmutableArray<PolicyRule> covered = [.. g.SelectMany(h => h.Covered).Distinct()];
                    return new DutyGrant(g.First().Grant, covered, [.. covered.Where(t => !model.IsAllowed(t, allowedSet))]);
                })
                .OrderBy(g => g.Grant.Binding, BindingOrder.Instance)
                .ThenBy(g => g.Grant.RuleIndex);
            holdings.Add(new DutyHolding(group.Key.Duty, group.Key.Namespace, allowedSet.Contains(group.Key.Duty), [.. grants]));
        }

        return new SubjectEntry(
            new SubjectDuties(s, declaration, holdings.ToImmutable()),
            [.. ordered.Where(h => h.Probe.Duty is null)]);
    }
}
