using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Duties;

/// <summary>
/// The config-derived half of the duty analysis, shared by every analysis derived after a binding change: the probes
/// (duty rules and capabilities), which duties describe each governed permission, and who is declared where.
/// </summary>
internal sealed class DutyModel
{
    private const string Rbac = "rbac.authorization.k8s.io";

    private readonly FrozenDictionary<Subject, (string Layer, TeamDefinition? Team, ImmutableArray<string> Duties)> declared;
    private readonly ConcurrentDictionary<Subject, SubjectDeclaration> declarations = new();
    private readonly FrozenSet<string> clusterDuties;
    private readonly FrozenSet<string> securityDuties;
    private readonly FrozenDictionary<string, FrozenSet<string>> teamDuties;
    private readonly FrozenDictionary<PolicyRule, GovernedPermission> governedByInstance;

    public DutyModel(ScannerConfig config, NamespaceOwnership ownership)
    {
        Config = config;
        Ownership = ownership;
        var probes = new List<Probe>();
        var describing = new Dictionary<PolicyRule, SortedSet<string>>();
        foreach (var (name, duty) in config.Duties)
        {
            foreach (var rule in duty.Rules)
            {
                probes.Add(new Probe(probes.Count, name, default, rule, IncludeNames: false));
                foreach (var tuple in RuleCoverage.Breakdown(rule))
                {
                    if (!describing.TryGetValue(tuple, out var set))
                    {
                        describing[tuple] = set = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(name);
                }
            }
        }

        DutyProbeCount = probes.Count;
        void Add(Capability capability, string group, string[] resources, string[] verbs, bool names) =>
            probes.Add(new Probe(probes.Count, null, capability, new PolicyRule { ApiGroups = [group], Resources = [.. resources], Verbs = [.. verbs] }, names));
        Add(Capability.WorkloadCreate, string.Empty, ["pods", "replicationcontrollers"], ["create"], names: false);
        Add(Capability.WorkloadCreate, "apps", ["deployments", "replicasets", "statefulsets", "daemonsets"], ["create"], names: false);
        Add(Capability.WorkloadCreate, "batch", ["jobs", "cronjobs"], ["create"], names: false);
        Add(Capability.TokenCreate, string.Empty, ["serviceaccounts/token"], ["create"], names: true);
        Add(Capability.ImpersonateServiceAccounts, string.Empty, ["serviceaccounts"], ["impersonate"], names: true);
        Add(Capability.ImpersonateUsers, string.Empty, ["users"], ["impersonate"], names: true);
        Add(Capability.ImpersonateGroups, string.Empty, ["groups"], ["impersonate"], names: true);
        Add(Capability.Bind, Rbac, ["roles", "clusterroles"], ["bind"], names: true);
        Add(Capability.Escalate, Rbac, ["roles", "clusterroles"], ["escalate"], names: true);
        Add(Capability.BindingWrite, Rbac, ["rolebindings", "clusterrolebindings"], ["create", "update", "patch"], names: false);
        Add(Capability.RoleWrite, Rbac, ["roles", "clusterroles"], ["create", "update", "patch"], names: false);
        Add(Capability.ServiceAccountCreate, string.Empty, ["serviceaccounts"], ["create"], names: false);
        Probes = [.. probes];
        ProbeTuples = [.. probes.Select(p => RuleCoverage.Breakdown(p.Rule))];

        Governed = describing.ToFrozenDictionary(d => d.Key, d => new GovernedPermission(d.Key, [.. d.Value]));

        // Covered tuples are the probes' own instances: look them up by reference (value hashing of rules is costly).
        var byInstance = new Dictionary<PolicyRule, GovernedPermission>(ReferenceEqualityComparer.Instance);
        foreach (var probe in probes.Where(p => p.Duty is not null))
        {
            foreach (var tuple in ProbeTuples[probe.Index])
            {
                byInstance[tuple] = Governed[tuple];
            }
        }

        governedByInstance = byInstance.ToFrozenDictionary(ReferenceEqualityComparer.Instance);
        GovernedPermissions = [.. Governed.Values.OrderBy(g => g.Tuple.ToString(), StringComparer.Ordinal)];

        var decl = new Dictionary<Subject, (string, TeamDefinition?, ImmutableArray<string>)>();
        void Declare(IEnumerable<Subject> subjects, string layer, TeamDefinition? team, ImmutableArray<string> duties)
        {
            ImmutableArray<string> sorted = [.. duties.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            foreach (var s in subjects)
            {
                // Config validation rejects a subject claimed twice, so the first claim is the only one.
                decl.TryAdd(SubjectIdentity.Canonical(s), (layer, team, sorted));
            }
        }

        Declare(config.ClusterLayer.Subjects, Findings.Layer.Cluster, null, config.ClusterLayer.Duties);
        Declare(config.SecurityLayer.Subjects, Findings.Layer.Security, null, config.SecurityLayer.Duties);
        foreach (var team in config.Teams)
        {
            Declare(team.Subjects, Findings.Layer.Namespace, team, team.Duties);
        }

        declared = decl.ToFrozenDictionary();
        clusterDuties = config.ClusterLayer.Duties.ToFrozenSet(StringComparer.Ordinal);
        securityDuties = config.SecurityLayer.Duties.ToFrozenSet(StringComparer.Ordinal);
        teamDuties = config.Teams.GroupBy(t => t.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First().Duties.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public ScannerConfig Config { get; }

    public NamespaceOwnership Ownership { get; }

    /// <summary>Duty probes first (duties by name, rules in order), then capability probes.</summary>
    public ImmutableArray<Probe> Probes { get; }

    /// <summary>The atomic tuples of each probe's rule, by probe index.</summary>
    public ImmutableArray<ImmutableArray<PolicyRule>> ProbeTuples { get; }

    public int DutyProbeCount { get; }

    public FrozenDictionary<PolicyRule, GovernedPermission> Governed { get; }

    public ImmutableArray<GovernedPermission> GovernedPermissions { get; }

    public SubjectDeclaration Declare(Subject subject) => declarations.GetOrAdd(subject, static (s, declared) =>
        declared.TryGetValue(s, out var d)
            ? new SubjectDeclaration(s, d.Layer, d.Team, d.Duties)
            : new SubjectDeclaration(s, Findings.Layer.Undeclared, null, []), declared);

    /// <summary>The duties allowed to the declaration in a scope (null: cluster-wide), per S3.</summary>
    public IReadOnlySet<string> AllowedDuties(SubjectDeclaration declaration, string? ns) => declaration.Layer switch
    {
        Findings.Layer.Cluster => clusterDuties,
        Findings.Layer.Security => securityDuties,
        Findings.Layer.Namespace when declaration.Team is { } team && ns is not null && IsTeamNamespace(team, ns) =>
            teamDuties.GetValueOrDefault(team.Name, FrozenSet<string>.Empty),
        _ => FrozenSet<string>.Empty,
    };

    /// <summary>True when the namespace is one of the team's.</summary>
    public bool IsTeamNamespace(TeamDefinition team, string ns) =>
        string.Equals(Ownership.OwnerOf(ns).Team?.Name, team.Name, StringComparison.Ordinal);

    /// <summary>
    /// True when the namespace is the subject's own in the sense of <c>separation: beyond: own-namespaces</c>: one of its
    /// team's namespaces, or one of its layer's (the cluster layer's include Kubernetes' own). Undeclared subjects own none.
    /// </summary>
    public bool IsOwnNamespace(SubjectDeclaration declaration, string ns) => declaration.Layer switch
    {
        Findings.Layer.Namespace => declaration.Team is { } team && IsTeamNamespace(team, ns),
        Findings.Layer.Cluster or Findings.Layer.Security => Ownership.OwnerOf(ns).Layer == declaration.Layer,
        _ => false,
    };

    /// <summary>True when some duty allowed to the declaration in the scope describes the tuple.</summary>
    public bool IsAllowed(PolicyRule tuple, IReadOnlySet<string> allowed)
    {
        if (allowed.Count == 0 || !(governedByInstance.TryGetValue(tuple, out var g) || Governed.TryGetValue(tuple, out g)))
        {
            return false;
        }

        foreach (var d in g.Duties)
        {
            if (allowed.Contains(d))
            {
                return true;
            }
        }

        return false;
    }
}
