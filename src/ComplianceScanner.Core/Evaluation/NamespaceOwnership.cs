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

    public NamespaceOwnership(ScannerConfig config, IEnumerable<NamespaceObject> namespaces)
    {
        this.config = config;
        this.namespaces = namespaces.GroupBy(n => n.Metadata.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public NamespaceOwner OwnerOf(string ns) => cache.GetOrAdd(ns, Resolve);

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
            return selector.Matches(labels.GetOrAdd(ns, LabelsOf));
        }

        return false;
    }

    private IReadOnlyDictionary<string, string> LabelsOf(string ns) => namespaces.TryGetValue(ns, out var obj)
        ? obj.Metadata.Labels.SetItem("kubernetes.io/metadata.name", ns)
        : new Dictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/metadata.name"] = ns };

    private NamespaceOwner Resolve(string ns)
    {
        // Config validation rejects a namespace claimed by two teams, so the first match is the only one.
        foreach (var team in config.Teams)
        {
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
