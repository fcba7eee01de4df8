using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>SOD-RBAC-003: a team's subject holds one of the team's duties outside the team's namespaces.</summary>
public sealed class TeamDutyOutsideNamespacesRule : DutyRuleBase
{
    public override RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-003",
        "Team holds its duty outside its namespaces",
        Severity.High,
        Layer.Namespace,
        "rbac",
        "Grant the team's duties with RoleBindings in the team's own namespaces instead of a ClusterRoleBinding, and remove RoleBindings in other teams' namespaces; if the namespace is the team's, add it to the team's namespaces in scanner.yaml.")
    {
        Inputs = RuleInputs.Rbac,
    };

    protected override IEnumerable<Finding> EvaluateSubject(EvaluationContext context, Subject subject)
    {
        var analysis = context.Duties;
        var duties = analysis.Of(subject);
        if (duties.Declaration.Team is not { } team)
        {
            yield break;
        }

        foreach (var v in BoundaryViolations.Of(analysis, duties, BoundaryKind.OutsideNamespaces))
        {
            var where = v.Namespace is null ? "in every namespace" : $"in namespace {v.Namespace}, which is not the team's,";
            yield return BoundaryViolations.Finding(
                Descriptor,
                analysis,
                duties.Declaration,
                v,
                $"{subject} (team {team.Name}) holds {DutyEvidence.And([.. v.Duties.Keys])} {where} through {DutyEvidence.Via(v.Binding)}; the team may hold its duties only in its namespaces ({SubjectDeclaration.TeamNamespaces(team)}).");
        }
    }
}
