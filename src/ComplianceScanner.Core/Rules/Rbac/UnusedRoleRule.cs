using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-013: a Role or ClusterRole that nothing uses: no binding references it, and (for a ClusterRole) no
/// aggregated ClusterRole selects it. A role that feeds an aggregated role is used, whether or not the aggregate is
/// bound; a binding that cannot resolve (a ClusterRoleBinding naming a Role) uses nothing. Linear in roles and bindings.
/// A binding change can only change the verdict on the roles it references (<see cref="AffectedObjects"/>).
/// </summary>
public sealed class UnusedRoleRule : IBindingScopedRule
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
        // Re-evaluation re-runs it for the roles a changed binding references, or in full when the binding is not known.
        Inputs = RuleInputs.Rbac,
    };

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Findings(context, null);
    }

    public IReadOnlyCollection<ObjectReference>? AffectedObjects(EvaluationContext context, IReadOnlyCollection<RbacBinding> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return [.. changed.Select(Referenced).OfType<ObjectReference>().Distinct()];
    }

    public IEnumerable<Finding> EvaluateObjects(EvaluationContext context, IReadOnlyCollection<ObjectReference> objects)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(objects);
        return Findings(context, objects.ToHashSet());
    }

    /// <summary>The role a binding uses, or null (a ClusterRoleBinding naming a Role uses nothing).</summary>
    private static ObjectReference? Referenced(RbacBinding b) =>
        b.RoleRef.IsClusterRole ? new ObjectReference("ClusterRole", null, b.RoleRef.Name)
        : b.RoleRef.Kind == "Role" && !b.IsClusterBinding ? new ObjectReference("Role", b.Metadata.Namespace, b.RoleRef.Name)
        : null;

    /// <summary>The findings, about every role or only those in <paramref name="only"/>.</summary>
    private List<Finding> Findings(EvaluationContext context, HashSet<ObjectReference>? only)
    {
        if (!RbacInputs.Complete(context))
        {
            return [];
        }

        var snapshot = context.Snapshot;
        var onlyClusterRoles = only?.Where(o => o.Kind == "ClusterRole").Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var onlyRoles = only?.Where(o => o.Kind == "Role").Select(o => (o.Namespace ?? string.Empty, o.Name)).ToHashSet();

        // A re-evaluation asks about a role or two: their names are compared before anything is hashed.
        var onlyNames = only?.Select(o => o.Name).Distinct(StringComparer.Ordinal).ToArray();
        bool Named(string name) => onlyNames is null || Array.IndexOf(onlyNames, name) >= 0;
        var usedClusterRoles = new HashSet<string>(StringComparer.Ordinal);
        var usedRoles = new HashSet<(string Ns, string Name)>();
        foreach (var b in snapshot.ClusterRoleBindings.Concat(snapshot.RoleBindings))
        {
            if (!Named(b.RoleRef.Name))
            {
                continue;
            }

            if (b.RoleRef.IsClusterRole)
            {
                if (onlyClusterRoles is null || onlyClusterRoles.Contains(b.RoleRef.Name))
                {
                    usedClusterRoles.Add(b.RoleRef.Name);
                }
            }
            else if (b.RoleRef.Kind == "Role" && !b.IsClusterBinding && (onlyRoles is null || onlyRoles.Contains((b.Metadata.Namespace!, b.RoleRef.Name))))
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
            if (Named(name) && (onlyClusterRoles is null || onlyClusterRoles.Contains(name))
                && seen.Add(name) && !usedClusterRoles.Contains(name) && !aggregatedBy.ContainsKey(name))
            {
                findings.Add(Unused(context, role, "no ClusterRoleBinding or RoleBinding references it and no aggregated ClusterRole selects it"));
            }
        }

        var seenRoles = new HashSet<(string, string)>();
        foreach (var role in snapshot.Roles)
        {
            if (!Named(role.Metadata.Name))
            {
                continue;
            }

            var key = (role.Metadata.Namespace!, role.Metadata.Name);
            if ((onlyRoles is null || onlyRoles.Contains(key)) && seenRoles.Add(key) && !usedRoles.Contains(key))
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
