using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-005: a governed duty granted to an implicit group (<c>system:authenticated</c>,
/// <c>system:unauthenticated</c>, <c>system:serviceaccounts</c>, <c>system:serviceaccounts:&lt;ns&gt;</c>) or to
/// <c>system:anonymous</c>, which no layer declares. Reported here instead of SOD-RBAC-001.
/// </summary>
public sealed class BroadIdentityDutyRule : DutyRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-005",
        "Governed duty granted to a broad or implicit group",
        Severity.High,
        Layer.Cluster,
        "rbac",
        "Bind the role to the one user, group or service account that needs it instead of an implicit group: every member of the group (every user, or every service account of a namespace) holds what the group holds.")
    {
        Inputs = RuleInputs.Rbac,
    };

    protected override IEnumerable<Finding> EvaluateSubject(EvaluationContext context, Subject subject)
    {
        var analysis = context.Duties;
        var duties = analysis.Of(subject);
        foreach (var v in BoundaryViolations.Of(analysis, duties, BoundaryKind.Broad))
        {
            yield return BoundaryViolations.Finding(
                Descriptor,
                analysis,
                duties.Declaration,
                v,
                $"{subject} holds {DutyEvidence.And([.. v.Duties.Keys])} {DutyEvidence.InScope(v.Namespace)} through {DutyEvidence.Via(v.Binding)}: {duties.Declaration.Members} holds it.");
        }
    }
}
