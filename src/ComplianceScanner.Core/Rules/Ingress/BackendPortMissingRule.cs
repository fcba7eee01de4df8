using System.Globalization;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-011: the Service exists but has no such port.</summary>
public sealed class BackendPortMissingRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-011",
        "Backend Service port missing",
        Severity.Medium,
        Layer.Namespace,
        "ingress",
        "Use a port number or port name that the Service declares in spec.ports.");

    protected override bool ShouldRun(EvaluationContext context) => !context.IsMissing("services");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        var ns = ingress.Metadata.Namespace ?? "default";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, backend) in IngressBackends.Services(ingress))
        {
            var service = context.FindService(ns, backend.ServiceName!);
            if (service is null || service.Type == "ExternalName")
            {
                continue;
            }

            var port = backend.ServicePortNumber?.ToString(CultureInfo.InvariantCulture) ?? backend.ServicePortName;
            if (port is null)
            {
                continue;
            }

            var exists = backend.ServicePortNumber is { } n
                ? service.Ports.Any(p => p.Port == n)
                : service.Ports.Any(p => string.Equals(p.Name, backend.ServicePortName, StringComparison.Ordinal));
            var key = $"{backend.ServiceName}:{port}";
            if (!exists && seen.Add(key))
            {
                yield return Found(
                    ingress,
                    owner,
                    $"Ingress {ingress.Metadata.QualifiedName} routes to port {port} of Service {backend.ServiceName}, which has no such port.",
                    key,
                    Field(path + ".port", port),
                    new Evidence("object", service.Reference.ToString(), "ports: " + string.Join(", ", service.Ports.Select(p => p.Name is null ? p.Port.ToString(CultureInfo.InvariantCulture) : $"{p.Name}/{p.Port}"))));
            }
        }
    }
}
