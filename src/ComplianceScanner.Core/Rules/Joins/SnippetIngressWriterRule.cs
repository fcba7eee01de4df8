using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Joins;

/// <summary>
/// SOD-ING-019: a subject outside the cluster layer can create or change Ingresses, and an IngressClass is served by an
/// ingress-nginx controller that accepts snippet (Critical-risk) annotations: it can inject configuration into the shared
/// controller. Both halves of the join are in the evidence.
/// </summary>
public sealed class SnippetIngressWriterRule : ISubjectRule
{
    private static readonly string[] WriteVerbs = ["create", "update", "patch"];

    public RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-019",
        "Ingress writer outside the cluster layer can reach a snippet-accepting controller",
        Severity.Critical,
        Layer.Cluster,
        "join",
        "Turn snippets off in the controller ConfigMap (allow-snippet-annotations: \"false\", annotations-risk-level: High or lower), or, where a controller must accept them, let only the cluster layer write Ingresses of its class (an admission policy on spec.ingressClassName, see policy export) and take Ingress write from everyone else.")
    {
        Inputs = RuleInputs.All,
    };

    public IEnumerable<Finding> Evaluate(EvaluationContext context) => Findings(context, only: null);

    public IEnumerable<Finding> EvaluateSubjects(EvaluationContext context, IReadOnlyCollection<Subject> subjects) => Findings(context, subjects);

    private IEnumerable<Finding> Findings(EvaluationContext context, IReadOnlyCollection<Subject>? only)
    {
        ArgumentNullException.ThrowIfNull(context);
        var routes = SnippetControllers.Find(context.Snapshot).ToList();
        if (routes.Count == 0)
        {
            yield break;
        }

        var classes = routes.Select(r => r.Class.Metadata.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var key = string.Join(",", classes);
        var controllerHalf = routes.SelectMany(r => new[]
        {
            new Evidence("object", r.Class.Reference.ToString(), $"spec.controller {r.Class.Controller}, served by {r.Controller.Reference} container {r.Container.Name}"),
            new Evidence("field", $"{r.ConfigMap.Reference}: data[{r.Setting}]", r.Value),
        }).Distinct().ToList();
        var holders = JoinAccess.OutsideClusterLayer(context, "networking.k8s.io", "ingresses", WriteVerbs, clusterScoped: false, only)
            .Concat(JoinAccess.OutsideClusterLayer(context, "extensions", "ingresses", WriteVerbs, clusterScoped: false, only))
            .GroupBy(h => (h.Subject, h.Grant.Binding!.Reference))
            .Select(g => g.First());
        foreach (var holder in holders)
        {
            var scope = holder.Grant.IsClusterWide ? "in every namespace" : $"in namespace {holder.Grant.Namespace}";
            var finding = Descriptor.Finding(
                holder.Grant.Binding,
                $"{holder.Subject} ({holder.Standing.Description}) can {string.Join("/", holder.Verbs)} Ingresses {scope} and may name IngressClass {string.Join(" or ", classes)}, whose ingress-nginx controller accepts snippet annotations ({string.Join("; ", routes.Select(r => $"{r.ConfigMap.Metadata.QualifiedName} {r.Setting}: {r.Value}").Distinct())}): it can inject NGINX configuration into the shared controller, which reads every Secret it serves.",
                key,
                [.. JoinAccess.Chain(context, holder), .. controllerHalf],
                subject: holder.Subject,
                ns: holder.Grant.Namespace,
                team: holder.Standing.Team?.Name);
            yield return JoinAccess.Built(finding, holder);
        }
    }
}
