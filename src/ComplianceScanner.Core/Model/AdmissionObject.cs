namespace ComplianceScanner.Core.Model;

/// <summary>
/// Presence of an admission object: ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding,
/// ValidatingWebhookConfiguration or MutatingWebhookConfiguration.
/// </summary>
public sealed record AdmissionObject : KubeObject
{
    private readonly string kind = "ValidatingAdmissionPolicy";

    public override string Kind => kind;

    public string AdmissionKind { get => kind; init => kind = value; }
}
