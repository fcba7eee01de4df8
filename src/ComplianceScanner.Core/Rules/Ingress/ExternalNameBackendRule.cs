using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-012: a backend Service of type ExternalName lets a namespace proxy to any host, inside or outside the cluster.</summary>
public sealed class ExternalNameBackendRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-012",
        "ExternalName Service as Ingress backend",
        Severity.High,
        Layer.Namespace,
        "ingress",
        "Route to a ClusterIP Service of the namespace. An ExternalName backend makes the controller forward requests to an arbitrary DNS name (request forgery into other namespaces or the cloud metadata endpoint).");

    protected override bool ShouldRun(EvaluationContext context) => !context.IsMissing("services");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        var ns = ingress.Metadata.Namespace ?? "default";
        foreach (var (path, backend) in IngressBackends.Services(ingress).DistinctBy(b => b.Backend.ServiceName))
        {
            if (context.FindService(ns, backend.ServiceName!) is { Type: "ExternalName" } service)
            {
                yield return Found(
                    ingress,
                    owner,
                    $"Ingress {ingress.Metadata.QualifiedName} routes to ExternalName Service {service.Metadata.Name}, which points at {service.ExternalName ?? "(unset)"}.",
                    service.Metadata.Name,
                    Field(path + ".name", service.Metadata.Name),
                    new Evidence("object", service.Reference.ToString(), $"type: ExternalName, externalName: {service.ExternalName}"));
            }
        }
    }
}
