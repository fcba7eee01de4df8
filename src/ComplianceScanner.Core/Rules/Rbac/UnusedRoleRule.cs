using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-013: a Role or ClusterRole that nothing uses: no binding references it, and (for a ClusterRole) no
/// aggregated ClusterRole selects it. A role that feeds an aggregated role is used, whether or not the aggregate is
/// bound; a binding that cannot resolve (a ClusterRoleBinding naming a Role) uses nothing. Linear in roles and bindings.
/// </summary>
public sealed class UnusedRoleRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-013",
        "Unused role",
        Severity.Low,
        Layer.Cluster,
        "rbac",
        "Delete the role if nothing needs it: an unused role is a ready-made grant for whoever may create bindings, and "
        + "review noise. If it is kept on purpose (a template for future bindings), record an exception.")
    {
        // Not a subject rule: re-evaluation after a binding change re-runs it in full.
        Inputs = RuleInputs.Rbac,
    };

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!RbacInputs.Complete(context))
        {
            return [];
        }

        var snapshot = context.Snapshot;
        var usedClusterRoles = new HashSet<string>(StringComparer.Ordinal);
        var usedRoles = new HashSet<(string Ns, string Name)>();
        foreach (var b in snapshot.ClusterRoleBindings.Concat(snapshot.RoleBindings))
        {
            if (b.RoleRef.IsClusterRole)
            {
                usedClusterRoles.Add(b.RoleRef.Name);
            }
            else if (b.RoleRef.Kind == "Role" && !b.IsClusterBinding)
            {
                usedRoles.Add((b.Metadata.Namespace!, b.RoleRef.Name));
            }
        }

        var aggregatedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var agg in context.Permissions.Aggregation.Roles)
        {
            foreach (var name in agg.SelectedRoles)
            {
                aggregatedBy.TryAdd(name, agg.Name);
            }
        }

        var findings = new List<Finding>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in snapshot.ClusterRoles)
        {
            var name = role.Metadata.Name;
            if (seen.Add(name) && !usedClusterRoles.Contains(name) && !aggregatedBy.ContainsKey(name))
            {
                findings.Add(Unused(context, role, "no ClusterRoleBinding or RoleBinding references it and no aggregated ClusterRole selects it"));
            }
        }

        var seenRoles = new HashSet<(string, string)>();
        foreach (var role in snapshot.Roles)
        {
            var key = (role.Metadata.Namespace!, role.Metadata.Name);
            if (seenRoles.Add(key) && !usedRoles.Contains(key))
            {
                findings.Add(Unused(context, role, $"no RoleBinding in namespace {role.Metadata.Namespace} references it"));
            }
        }

        return findings;
    }

    private Finding Unused(EvaluationContext context, RbacRole role, string why)
    {
        var detail = role.IsAggregated ? $"aggregated ClusterRole, {role.Rules.Length} declared rule(s)" : $"{role.Rules.Length} rule(s)";
        if (BuiltinRecognition.IsBuiltinObject(role))
        {
            detail = "built-in; " + detail;
        }

        var finding = Descriptor.Finding(
            role,
            $"{role.Kind} {role.Metadata.QualifiedName} is not used: {why}.",
            string.Empty,
            [new Evidence("role", role.Reference.ToString(), detail), new Evidence("boundary", "references", why)],
            team: role.Metadata.Namespace is { } ns ? context.Ownership.TeamOf(ns)?.Name : null);
        return BuiltinRecognition.IsBuiltinObject(role) ? finding with { State = FindingState.Builtin } : finding;
    }
}
