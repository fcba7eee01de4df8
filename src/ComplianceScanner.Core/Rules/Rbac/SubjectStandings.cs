using System.Collections.Frozen;
using System.Collections.Immutable;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// The layer model seen from RBAC subjects: which layer or team declares a subject, which namespaces it owns, and which
/// duties it may hold where (S3: cluster and security layer duties everywhere, a team's duties in its namespaces only).
/// </summary>
public sealed class SubjectStandings
{
    private readonly EvaluationContext context;
    private readonly FrozenDictionary<Subject, SubjectStanding> declared;
    private readonly ImmutableArray<Duty> clusterDuties;
    private readonly ImmutableArray<Duty> securityDuties;
    private readonly FrozenDictionary<string, ImmutableArray<Duty>> teamDuties;

    public SubjectStandings(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        var config = context.Config;
        var map = new Dictionary<Subject, SubjectStanding>();

        // Config validation rejects a subject claimed twice; should one slip through, the first claim wins.
        foreach (var s in config.ClusterLayer.Subjects)
        {
            map.TryAdd(Canonical(s), new SubjectStanding(Findings.Layer.Cluster, null));
        }

        foreach (var s in config.SecurityLayer.Subjects)
        {
            map.TryAdd(Canonical(s), new SubjectStanding(Findings.Layer.Security, null));
        }

        foreach (var team in config.Teams)
        {
            foreach (var s in team.Subjects)
            {
                map.TryAdd(Canonical(s), new SubjectStanding(Findings.Layer.Namespace, team));
            }
        }

        declared = map.ToFrozenDictionary();
        clusterDuties = Resolve(config, config.ClusterLayer.Duties);
        securityDuties = Resolve(config, config.SecurityLayer.Duties);
        teamDuties = config.Teams
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => Resolve(config, g.First().Duties), StringComparer.Ordinal);
    }

    public EvaluationContext Context => context;

    /// <summary>The standing of a subject; a User named <c>system:serviceaccount:ns:name</c> is that ServiceAccount.</summary>
    public SubjectStanding Of(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return declared.GetValueOrDefault(Canonical(subject)) ?? SubjectStanding.Undeclared;
    }

    /// <summary>
    /// True when the namespace belongs to the subject: its team's namespaces, or the namespaces of its layer (the cluster
    /// layer also owns Kubernetes' own). An undeclared subject owns nothing.
    /// </summary>
    public bool Owns(SubjectStanding standing, string ns)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(ns);
        if (standing.Team is { } team)
        {
            return context.Ownership.TeamOwns(team, ns);
        }

        return !standing.IsUndeclared && context.Ownership.OwnerOf(ns).Layer == standing.Layer;
    }

    /// <summary>
    /// The duties the subject may hold in a scope (a namespace, or null for cluster-wide): its layer's duties anywhere,
    /// its team's duties in the team's namespaces, nothing for an undeclared subject.
    /// </summary>
    public ImmutableArray<Duty> DutiesAllowed(SubjectStanding standing, string? ns)
    {
        ArgumentNullException.ThrowIfNull(standing);
        if (standing.Team is { } team)
        {
            return ns is not null && context.Ownership.TeamOwns(team, ns) ? teamDuties.GetValueOrDefault(team.Name, []) : [];
        }

        return standing.Layer switch
        {
            Findings.Layer.Cluster => clusterDuties,
            Findings.Layer.Security => securityDuties,
            _ => [],
        };
    }

    /// <summary>The duties (among <paramref name="duties"/>) with a rule covering the described permission (one verb, group and resource).</summary>
    public static IEnumerable<Duty> Describing(IEnumerable<Duty> duties, PolicyRule tuple)
    {
        ArgumentNullException.ThrowIfNull(duties);
        ArgumentNullException.ThrowIfNull(tuple);
        return duties.Where(d => d.Rules.Any(r => RuleCoverage.RuleCovers(r, tuple)));
    }

    private static ImmutableArray<Duty> Resolve(ScannerConfig config, ImmutableArray<string> names) =>
        [.. names.Select(n => config.Duties.GetValueOrDefault(n)).OfType<Duty>()];

    private static Subject Canonical(Subject s)
    {
        if (s.Kind == Subject.UserKind && UserInfo.TrySplitServiceAccount(s.Name, out var ns, out var name))
        {
            return Subject.ServiceAccount(ns, name);
        }

        // The authorizer ignores a User's or Group's namespace.
        return s.Kind != Subject.ServiceAccountKind && s.Namespace is not null ? s with { Namespace = null } : s;
    }
}
