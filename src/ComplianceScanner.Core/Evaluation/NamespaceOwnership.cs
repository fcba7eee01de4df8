using System.Collections.Concurrent;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Text;

namespace ComplianceScanner.Core.Evaluation;

/// <summary>Answers "who owns this namespace": a team, the cluster layer, the security layer, or nobody.</summary>
public sealed class NamespaceOwnership
{
    /// <summary>Namespaces Kubernetes creates itself; always the cluster layer's.</summary>
    public static IReadOnlyList<string> KubernetesNamespaces { get; } = ["kube-system", "kube-public", "kube-node-lease"];

    private readonly ScannerConfig config;
    private readonly Dictionary<string, NamespaceObject> namespaces;
    private readonly ConcurrentDictionary<string, NamespaceOwner> cache = new(StringComparer.Ordinal);

    // A namespace's labels as selectors see them, built once per namespace rather than once per team asked about it.
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> labels = new(StringComparer.Ordinal);

    // Which teams can own a namespace, so that resolving one does not ask every team (10,000 namespaces × 100 teams):
    // teams naming it exactly, teams whose selector's first matchLabels pair it carries, and the teams that must always
    // be asked (globs, selectors without matchLabels). Candidates are then asked in config order with TeamOwns, so the
    // answer is exactly that of asking every team in order.
    private readonly Dictionary<string, List<int>> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, string Value), List<int>> byLabel = [];
    private readonly int[] alwaysAsk;

    // The factories as fields: a method group passed to GetOrAdd would allocate a delegate on every lookup.
    private readonly Func<string, NamespaceOwner> resolve;
    private readonly Func<string, IReadOnlyDictionary<string, string>> labelsOf;

    public NamespaceOwnership(ScannerConfig config, IEnumerable<NamespaceObject> namespaces)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(namespaces);
        this.config = config;
        this.namespaces = namespaces.GroupBy(n => n.Metadata.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var always = new List<int>();
        for (var i = 0; i < config.Teams.Length; i++)
        {
            var team = config.Teams[i];
            var hasGlob = false;
            foreach (var name in team.Namespaces)
            {
                if (Glob.IsPattern(name))
                {
                    hasGlob = true;
                }
                else
                {
                    Add(byName, name, i);
                }
            }

            if (hasGlob || (team.NamespaceSelector is { } selector && selector.MatchLabels.IsEmpty))
            {
                always.Add(i);
            }
            else if (team.NamespaceSelector is { } indexed)
            {
                var (key, value) = indexed.MatchLabels.First();
                Add(byLabel, (key, value), i);
            }
        }

        alwaysAsk = [.. always];
        resolve = Resolve;
        labelsOf = LabelsOf;
    }

    public NamespaceOwner OwnerOf(string ns) => cache.GetOrAdd(ns, resolve);

    /// <summary>The team that owns the namespace, or null.</summary>
    public TeamDefinition? TeamOf(string ns) => OwnerOf(ns).Team;

    /// <summary>True when the namespace belongs to the team, by name, glob or label selector.</summary>
    public bool TeamOwns(TeamDefinition team, string ns)
    {
        ArgumentNullException.ThrowIfNull(team);
        if (Glob.MatchesAny(team.Namespaces, ns))
        {
            return true;
        }

        if (team.NamespaceSelector is { } selector)
        {
            return selector.Matches(labels.GetOrAdd(ns, labelsOf));
        }

        return false;
    }

    private IReadOnlyDictionary<string, string> LabelsOf(string ns) => namespaces.TryGetValue(ns, out var obj)
        ? obj.Metadata.Labels.SetItem("kubernetes.io/metadata.name", ns)
        : new Dictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/metadata.name"] = ns };

    private static void Add<TKey>(Dictionary<TKey, List<int>> index, TKey key, int team)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var teams))
        {
            index[key] = teams = [];
        }

        teams.Add(team);
    }

    private NamespaceOwner Resolve(string ns)
    {
        // Config validation rejects a namespace claimed by two teams, so the first match is the only one; the
        // candidates are asked in config order all the same.
        var candidates = new List<int>(alwaysAsk);
        if (byName.TryGetValue(ns, out var named))
        {
            candidates.AddRange(named);
        }

        if (byLabel.Count > 0)
        {
            foreach (var (key, value) in labels.GetOrAdd(ns, labelsOf))
            {
                if (byLabel.TryGetValue((key, value), out var selected))
                {
                    candidates.AddRange(selected);
                }
            }
        }

        candidates.Sort();
        foreach (var i in candidates)
        {
            var team = config.Teams[i];
            if (TeamOwns(team, ns))
            {
                return new NamespaceOwner(Findings.Layer.Namespace, team);
            }
        }

        if (KubernetesNamespaces.Contains(ns, StringComparer.Ordinal) || Glob.MatchesAny(config.ClusterLayer.Namespaces, ns))
        {
            return new NamespaceOwner(Findings.Layer.Cluster, null);
        }

        if (Glob.MatchesAny(config.SecurityLayer.Namespaces, ns))
        {
            return new NamespaceOwner(Findings.Layer.Security, null);
        }

        return new NamespaceOwner(Findings.Layer.Undeclared, null);
    }
}
