using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-010: a backend names a Service that does not exist (a dangling route anyone who creates that Service receives).</summary>
public sealed class BackendServiceMissingRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-010",
        "Backend Service missing",
        Severity.Medium,
        Layer.Namespace,
        "ingress",
        "Point the backend at an existing Service in the same namespace, or remove the path. A dangling backend sends the traffic to whoever creates a Service of that name later.");

    protected override bool ShouldRun(EvaluationContext context) => !context.IsMissing("services");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        var ns = ingress.Metadata.Namespace ?? "default";
        foreach (var (path, backend) in IngressBackends.Services(ingress).DistinctBy(b => b.Backend.ServiceName))
        {
            if (context.FindService(ns, backend.ServiceName!) is null)
            {
                yield return Found(
                    ingress,
                    owner,
                    $"Ingress {ingress.Metadata.QualifiedName} routes to Service {backend.ServiceName}, which does not exist in namespace {ns}.",
                    backend.ServiceName!,
                    Field(path + ".name", backend.ServiceName!));
            }
        }
    }
}
