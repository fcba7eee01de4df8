using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules.Gateway;

/// <summary>SOD-GW-005: a Route backend or a Gateway certificate in another namespace, with no ReferenceGrant there that allows it.</summary>
public sealed class ReferenceWithoutGrantRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-GW-005",
        "Cross-namespace reference without a ReferenceGrant",
        Severity.High,
        Layer.Namespace,
        "gateway",
        "Either move the referenced Service or Secret into the referring object's namespace, or have the owners of the target namespace create a ReferenceGrant there that names exactly this referrer (from: group, kind, namespace) and this object (to: group, kind, name). Without one, conformant implementations refuse the reference; one that does not would let any namespace reach into another.");

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsMissing("referencegrants"))
        {
            yield break;
        }

        var grants = context.Snapshot.ReferenceGrants;
        foreach (var reference in CrossNamespaceReference.All(context.Snapshot))
        {
            if (grants.Any(reference.AllowedBy))
            {
                continue;
            }

            var target = reference.Reference.Describe(reference.FromNamespace);
            var inTarget = grants.Where(g => g.Metadata.Namespace == reference.TargetNamespace).Select(g => g.Metadata.Name).ToList();
            yield return Descriptor.Finding(
                reference.From,
                $"{reference.From.Kind} {reference.From.Metadata.QualifiedName} refers to {target} in another namespace, and no ReferenceGrant in {reference.TargetNamespace} allows {reference.From.Kind}s of {reference.FromNamespace} to refer to it.",
                target,
                [
                    GatewayEvidence.Field(reference.Reference.Path, target),
                    new Evidence(
                        "object",
                        $"ReferenceGrants in namespace {reference.TargetNamespace}",
                        inTarget.Count == 0 ? "(none)" : $"{string.Join(", ", inTarget)}: none allows this reference"),
                ],
                team: context.Ownership.TeamOf(reference.FromNamespace)?.Name);
        }
    }
}
