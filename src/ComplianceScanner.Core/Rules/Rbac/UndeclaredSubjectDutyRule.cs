using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>SOD-RBAC-001: a subject no layer declares holds a governed duty.</summary>
public sealed class UndeclaredSubjectDutyRule : DutyRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-001",
        "Undeclared subject holds a governed duty",
        Severity.High,
        Layer.Cluster,
        "rbac",
        "Declare the subject in the layer or team that owns the duty (layers in scanner.yaml), or remove the binding that grants it: a subject nobody is accountable for should hold no governed permission.")
    {
        Inputs = RuleInputs.Rbac,
    };

    protected override IEnumerable<Finding> EvaluateSubject(EvaluationContext context, Subject subject)
    {
        var analysis = context.Duties;
        var duties = analysis.Of(subject);
        foreach (var v in BoundaryViolations.Of(analysis, duties, BoundaryKind.Undeclared))
        {
            yield return BoundaryViolations.Finding(
                Descriptor,
                analysis,
                duties.Declaration,
                v,
                $"{subject} is declared in no layer of scanner.yaml, yet holds {DutyEvidence.And([.. v.Duties.Keys])} {DutyEvidence.InScope(v.Namespace)} through {DutyEvidence.Via(v.Binding)}.");
        }
    }
}
