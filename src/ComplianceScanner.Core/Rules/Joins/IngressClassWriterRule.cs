using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Joins;

/// <summary>
/// SOD-ING-020: a subject outside the cluster layer can create IngressClasses or change one (and so mark it the cluster
/// default with <c>ingressclass.kubernetes.io/is-default-class</c>): every Ingress without a class would follow it.
/// </summary>
public sealed class IngressClassWriterRule : ISubjectRule
{
    private static readonly string[] WriteVerbs = ["create", "update", "patch"];

    public RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-020",
        "Subject outside the cluster layer can create an IngressClass or mark one default",
        Severity.High,
        Layer.Cluster,
        "join",
        "Remove create, update and patch on ingressclasses (networking.k8s.io) from the subject's roles: IngressClasses, and which one is the default, belong to the cluster layer (duty ingress-class-management).")
    {
        Inputs = RuleInputs.All,
    };

    public IEnumerable<Finding> Evaluate(EvaluationContext context) => Findings(context, only: null);

    public IEnumerable<Finding> EvaluateSubjects(EvaluationContext context, IReadOnlyCollection<Subject> subjects) => Findings(context, subjects);

    private IEnumerable<Finding> Findings(EvaluationContext context, IReadOnlyCollection<Subject>? only)
    {
        ArgumentNullException.ThrowIfNull(context);
        var holders = JoinAccess.OutsideClusterLayer(context, "networking.k8s.io", "ingressclasses", WriteVerbs, clusterScoped: true, only);
        if (holders.Count == 0)
        {
            yield break;
        }

        var defaults = context.DefaultIngressClasses.Select(c => c.Metadata.Name).ToList();
        var classless = context.Snapshot.Ingresses.Count(i => i.IngressClassName is null);
        var ingressHalf = new Evidence(
            "object",
            "IngressClasses",
            $"{context.Snapshot.IngressClasses.Length} class(es); default: {(defaults.Count == 0 ? "none" : string.Join(", ", defaults))}; {classless} Ingress(es) without a class follow the default ({IngressClass.DefaultClassAnnotation})");
        foreach (var holder in holders)
        {
            var what = holder.Verbs.Contains("create") && holder.Verbs.Count == 1
                ? "create IngressClasses (one annotated as default makes the default ambiguous or takes it over)"
                : $"{string.Join("/", holder.Verbs)} IngressClasses, including marking one the cluster default";
            var finding = Descriptor.Finding(
                holder.Grant.Binding,
                $"{holder.Subject} ({holder.Standing.Description}) can {what}: {classless} Ingress(es) without spec.ingressClassName would be served by the class it chooses.",
                string.Join(",", holder.Verbs),
                [.. JoinAccess.Chain(context, holder), ingressHalf],
                subject: holder.Subject,
                team: holder.Standing.Team?.Name);
            yield return JoinAccess.Built(finding, holder);
        }
    }
}
