namespace ComplianceScanner.Core.Rules;

/// <summary>
/// The parts of the snapshot a rule reads, so that re-evaluation after a change re-runs only the rules that read what
/// changed (see <see cref="Evaluation.Evaluator.Reevaluate(Evaluation.EvaluationResult, Evaluation.EvaluationContext, IReadOnlyCollection{Model.Subject})"/>).
/// </summary>
[Flags]
public enum RuleInputs
{
    None = 0,

    /// <summary>Ingresses, IngressClasses, Services, Secrets, ConfigMaps, workloads, namespaces.</summary>
    Ingress = 1,

    /// <summary>Roles, ClusterRoles, their bindings and ServiceAccounts (the permission index).</summary>
    Rbac = 2,

    All = Ingress | Rbac,
}
