using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>SOD-RBAC-002: a declared subject holds a duty its layer (or team) does not declare.</summary>
public sealed class DutyOutsideLayerRule : DutyRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-002",
        "Declared subject holds a duty outside its layer",
        Severity.High,
        Layer.Cluster,
        "rbac",
        "Remove the permission from the role or the binding from the subject, so that it holds only its layer's duties; if the duty really belongs to this layer, add it to the layer's (or team's) duties in scanner.yaml.")
    {
        Inputs = RuleInputs.Rbac,
    };

    protected override IEnumerable<Finding> EvaluateSubject(EvaluationContext context, Subject subject)
    {
        var analysis = context.Duties;
        var duties = analysis.Of(subject);
        var declaration = duties.Declaration;
        var owner = declaration.Team is { } team ? $"team {team.Name}" : $"the {declaration.Layer} layer";
        foreach (var v in BoundaryViolations.Of(analysis, duties, BoundaryKind.OutsideLayer))
        {
            var allowed = declaration.Duties.IsEmpty ? "no duty" : string.Join(", ", declaration.Duties);
            yield return BoundaryViolations.Finding(
                Descriptor,
                analysis,
                declaration,
                v,
                $"{subject} ({owner}) holds {DutyEvidence.And([.. v.Duties.Keys])} {DutyEvidence.InScope(v.Namespace)} through {DutyEvidence.Via(v.Binding)}, but {owner} may hold only {allowed}.");
        }
    }
}
