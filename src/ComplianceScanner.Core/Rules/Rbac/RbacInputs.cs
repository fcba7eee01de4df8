using ComplianceScanner.Core.Evaluation;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>Whether the RBAC kinds a rule concludes from were read completely; RBAC rules stay silent otherwise.</summary>
public static class RbacInputs
{
    /// <summary>The four RBAC kinds: without all of them, grants, references and aggregation are only partly known.</summary>
    public static bool Complete(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !context.IsMissing("roles")
            && !context.IsMissing("clusterroles")
            && !context.IsMissing("rolebindings")
            && !context.IsMissing("clusterrolebindings");
    }
}
