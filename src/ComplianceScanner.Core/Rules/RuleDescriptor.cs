using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules;

/// <summary>What a rule is: stable id, title, default severity, the layer it protects, and how to fix what it finds.</summary>
public sealed record RuleDescriptor(
    string Id,
    string Title,
    Severity Severity,
    string Layer,
    string Category,
    string Remediation)
{
    /// <summary>
    /// What the rule reads. Defaults to Ingress data; a rule that reads RBAC declares <see cref="RuleInputs.Rbac"/> so that
    /// a binding change re-runs it (an <see cref="ISubjectRule"/> is re-run for the changed subjects only).
    /// </summary>
    public RuleInputs Inputs { get; init; } = RuleInputs.Ingress;

    /// <summary>Builds a finding of this rule with the rule's title, severity, layer and remediation.</summary>
    public Finding Finding(
        KubeObject? obj,
        string message,
        string key,
        IEnumerable<Evidence> evidence,
        Subject? subject = null,
        string? ns = null,
        string? team = null) => new()
        {
            RuleId = Id,
            Title = Title,
            Severity = Severity,
            Layer = Layer,
            Message = message,
            Remediation = Remediation,
            Object = obj?.Reference,
            Subject = subject,
            Namespace = ns ?? obj?.Metadata.Namespace,
            Team = team,
            Key = key,
            Evidence = [.. evidence],
            Source = obj is null || obj.Metadata.Source == SourceLocation.None ? null : obj.Metadata.Source,
        };
}
