using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>SOD-ING-009: a TLS entry names a Secret that is missing or not a TLS secret.</summary>
public sealed class TlsSecretInvalidRule : IngressRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-ING-009",
        "TLS secret missing or of the wrong type",
        Severity.High,
        Layer.Namespace,
        "ingress",
        "Create the Secret in the Ingress's namespace with type kubernetes.io/tls (kubectl create secret tls NAME --cert=... --key=...), or fix spec.tls[].secretName.");

    protected override bool ShouldRun(EvaluationContext context) => !context.IsMissing("secrets");

    protected override IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner)
    {
        var ns = ingress.Metadata.Namespace ?? "default";
        for (var i = 0; i < ingress.Tls.Length; i++)
        {
            var name = ingress.Tls[i].SecretName;
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            var secret = context.FindSecret(ns, name);
            if (secret is null)
            {
                yield return Found(
                    ingress,
                    owner,
                    $"Ingress {ingress.Metadata.QualifiedName} uses TLS secret {name}, which does not exist in namespace {ns}.",
                    name,
                    Field($"spec.tls[{i}].secretName", name));
            }
            else if (!string.Equals(secret.Type, SecretMetadata.TlsType, StringComparison.Ordinal))
            {
                yield return Found(
                    ingress,
                    owner,
                    $"Ingress {ingress.Metadata.QualifiedName} uses secret {name} for TLS, but its type is {secret.Type}, not {SecretMetadata.TlsType}.",
                    name,
                    Field($"spec.tls[{i}].secretName", name),
                    new Evidence("object", secret.Reference.ToString(), $"type: {secret.Type}"));
            }
        }
    }
}
