using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules.Gateway;

namespace ComplianceScanner.Core.Rules.Joins;

/// <summary>
/// SOD-ING-021: a subject outside the cluster layer can label namespaces (create, update or patch them) while a team's
/// <c>namespaceSelector</c> or a Gateway listener's <c>allowedRoutes</c> selector depends on labels other than
/// <c>kubernetes.io/metadata.name</c>: by labelling a namespace it moves it into a team or onto a listener.
/// </summary>
public sealed class NamespaceLabelerRule : ISubjectRule
{
    private static readonly string[] WriteVerbs = ["create", "update", "patch"];

    public RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-021",
        "Subject outside the cluster layer can relabel namespaces that boundaries select",
        Severity.High,
        Layer.Cluster,
        "join",
        "Take create, update and patch on namespaces from the subject (namespaces belong to the cluster layer), or make the selectors name namespaces by kubernetes.io/metadata.name (team namespaces: list, Gateway listeners: matchExpressions In), which nobody can change.")
    {
        Inputs = RuleInputs.All,
    };

    public IEnumerable<Finding> Evaluate(EvaluationContext context) => Findings(context, only: null);

    public IEnumerable<Finding> EvaluateSubjects(EvaluationContext context, IReadOnlyCollection<Subject> subjects) => Findings(context, subjects);

    private IEnumerable<Finding> Findings(EvaluationContext context, IReadOnlyCollection<Subject>? only)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dependents = new List<(string Key, Evidence Evidence)>();
        foreach (var team in context.Config.Teams.Where(t => t.NamespaceSelector is not null))
        {
            var keys = GatewayTopology.MutableSelectorKeys(team.NamespaceSelector!).ToList();
            if (keys.Count > 0)
            {
                dependents.Add(($"team {team.Name}", new Evidence("boundary", $"team {team.Name}: namespaceSelector", $"{Selector(team.NamespaceSelector!)} (labels {string.Join(", ", keys)}): a namespace labelled so becomes the team's")));
            }
        }

        foreach (var gateway in context.Snapshot.Gateways)
        {
            foreach (var listener in gateway.Listeners.Where(l => l.NamespacesFrom == GatewayApi.FromSelector && l.NamespaceSelector is not null))
            {
                var keys = GatewayTopology.MutableSelectorKeys(listener.NamespaceSelector!).ToList();
                if (keys.Count > 0)
                {
                    dependents.Add(($"{gateway.Reference}#{listener.Name}", new Evidence("object", $"{gateway.Reference}: {listener.Path}.allowedRoutes.namespaces.selector", $"{Selector(listener.NamespaceSelector!)}: Routes of a namespace labelled so attach to listener {listener.Name}")));
                }
            }
        }

        if (dependents.Count == 0)
        {
            yield break;
        }

        var key = string.Join(",", dependents.Select(d => d.Key).Order(StringComparer.Ordinal));
        foreach (var holder in JoinAccess.OutsideClusterLayer(context, string.Empty, "namespaces", WriteVerbs, clusterScoped: false, only))
        {
            // A RoleBinding reaches only the namespace object of its own namespace (the API server puts a Namespace's
            // name in the request's namespace), and never create.
            var verbs = holder.Grant.IsClusterWide ? holder.Verbs : [.. holder.Verbs.Where(v => v != "create")];
            if (verbs.Count == 0)
            {
                continue;
            }

            var scope = holder.Grant.IsClusterWide ? "any namespace" : $"namespace {holder.Grant.Namespace}";
            var finding = Descriptor.Finding(
                holder.Grant.Binding,
                $"{holder.Subject} ({holder.Standing.Description}) can {string.Join("/", verbs)} {scope}, and so set the labels that {string.Join("; ", dependents.Select(d => d.Key))} select{(dependents.Count == 1 ? "s" : string.Empty)} namespaces by.",
                key,
                [.. JoinAccess.Chain(context, holder), .. dependents.Select(d => d.Evidence)],
                subject: holder.Subject,
                ns: holder.Grant.Namespace,
                team: holder.Standing.Team?.Name);
            yield return JoinAccess.Built(finding, holder);
        }
    }

    private static string Selector(LabelSelector selector) =>
        string.Join(", ", selector.MatchLabels.Select(kv => $"{kv.Key}={kv.Value}").Concat(selector.MatchExpressions.Select(e => $"{e.Key} {e.Operator} ({string.Join(",", e.Values)})")));
}
