using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>
/// SOD-RBAC-012: bindings that point at nothing. A roleRef that resolves to no role (the binding grants nothing today,
/// and its subjects silently receive whatever role is created under that name); a ServiceAccount subject that does
/// not exist (whoever creates it inherits the grant); a subject the authorizer can never match (a ServiceAccount
/// without namespace in a ClusterRoleBinding, a misspelt kind). The lists come from the permission index, which keeps
/// them up to date on every binding change.
/// </summary>
public sealed class DanglingBindingRule : IBindingScopedRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SOD-RBAC-012",
        "Dangling binding: missing role or service account",
        Severity.Medium,
        Layer.Cluster,
        "rbac",
        "Delete the binding, or fix its roleRef or subject; a binding to something that does not exist grants it to "
        + "whoever creates that role or service account later.")
    {
        // Every finding is about one binding, judged on its own: re-evaluation re-runs it for the changed bindings.
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
        return [.. changed.Select(b => b.Reference).Distinct()];
    }

    public IEnumerable<Finding> EvaluateObjects(EvaluationContext context, IReadOnlyCollection<ObjectReference> objects)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(objects);
        return Findings(context, objects.ToHashSet());
    }

    /// <summary>The findings about every binding, or only about those in <paramref name="only"/>.</summary>
    private List<Finding> Findings(EvaluationContext context, HashSet<ObjectReference>? only)
    {
        if (!RbacInputs.Complete(context))
        {
            return [];
        }

        bool Wanted(RbacBinding binding) => only is null || only.Contains(binding.Reference);
        var index = context.Permissions;
        var findings = new List<Finding>();
        foreach (var d in index.DanglingBindings.Where(d => Wanted(d.Binding)))
        {
            var binding = d.Binding;
            findings.Add(Mark(
                Descriptor.Finding(
                    binding,
                    $"{d.Message}. Whoever creates {binding.RoleRef} later gives its rules to the binding's subjects.",
                    binding.RoleRef.ToString(),
                    [
                        new Evidence("binding", binding.Reference.ToString(), binding.IsClusterBinding ? "cluster-wide" : $"namespace {binding.Metadata.Namespace}"),
                        RbacEvidence.MissingRole(binding.RoleRef, binding.Metadata.Namespace),
                    ],
                    team: TeamOf(context, binding)),
                binding,
                null));
        }

        // Service accounts can only be judged missing when they were read.
        if (!context.IsMissing("serviceaccounts"))
        {
            foreach (var u in index.UnresolvedServiceAccounts.Where(u => Wanted(u.Binding)))
            {
                var sa = u.ServiceAccount;
                var key = $"ServiceAccount/{sa.Namespace}/{sa.Name}";
                findings.Add(Mark(
                    Descriptor.Finding(
                        u.Binding,
                        $"{u.Binding.Kind} {u.Binding.Metadata.QualifiedName} names service account {sa.Namespace}/{sa.Name}, "
                        + $"which does not exist: whoever creates it in namespace {sa.Namespace} inherits {u.Binding.RoleRef}.",
                        key,
                        [
                            new Evidence("subject", sa.ToString(), $"no ServiceAccount {sa.Name} in namespace {sa.Namespace}"),
                            new Evidence("binding", u.Binding.Reference.ToString(), $"roleRef {u.Binding.RoleRef}"),
                        ],
                        subject: sa,
                        team: TeamOf(context, u.Binding)),
                    u.Binding,
                    sa));
            }
        }

        foreach (var i in index.IneffectiveSubjects.Where(i => Wanted(i.Binding)))
        {
            findings.Add(Mark(
                Descriptor.Finding(
                    i.Binding,
                    $"{i.Binding.Kind} {i.Binding.Metadata.QualifiedName}: subjects[{i.SubjectIndex}] {i.Reason}.",
                    $"subjects[{i.SubjectIndex}]",
                    [
                        new Evidence("subject", $"subjects[{i.SubjectIndex}]", $"kind {i.Subject.Kind}, name {i.Subject.Name}"
                            + (i.Subject.Namespace is null ? string.Empty : $", namespace {i.Subject.Namespace}")),
                        new Evidence("binding", i.Binding.Reference.ToString(), $"roleRef {i.Binding.RoleRef}"),
                    ],
                    team: TeamOf(context, i.Binding)),
                i.Binding,
                null));
        }

        return findings;
    }

    private static string? TeamOf(EvaluationContext context, RbacBinding binding) =>
        binding.Metadata.Namespace is { } ns ? context.Ownership.TeamOf(ns)?.Name : null;

    private static Finding Mark(Finding finding, RbacBinding binding, Subject? subject) =>
        BuiltinRecognition.IsBuiltinObject(binding) || (subject is not null && BuiltinRecognition.IsBuiltinSubject(subject))
            ? finding with { State = FindingState.Builtin }
            : finding;
}
