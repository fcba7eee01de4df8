using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Core.Rules.Ingress;

/// <summary>Base for rules that judge one Ingress at a time, knowing who owns its namespace.</summary>
public abstract class IngressRuleBase : IRule
{
    public abstract RuleDescriptor Descriptor { get; }

    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ShouldRun(context))
        {
            return [];
        }

        return context.Snapshot.Ingresses.SelectMany(i =>
        {
            var owner = context.Ownership.OwnerOf(i.Metadata.Namespace ?? "default");
            return Evaluate(context, i, owner);
        });
    }

    /// <summary>False when the rule's inputs could not be read (the scan is then marked incomplete instead).</summary>
    protected virtual bool ShouldRun(EvaluationContext context) => true;

    protected abstract IEnumerable<Finding> Evaluate(EvaluationContext context, Model.Ingress ingress, NamespaceOwner owner);

    /// <summary>A finding on the Ingress, tagged with its namespace's team.</summary>
    protected Finding Found(Model.Ingress ingress, NamespaceOwner owner, string message, string key, params Evidence[] evidence) =>
        Descriptor.Finding(ingress, message, key, evidence, team: owner.Team?.Name);

    protected static Evidence Field(string path, string value) => new("field", path, value);

    protected static Evidence Boundary(TeamDefinition team, string what, IEnumerable<string> allowed) =>
        new("boundary", $"team {team.Name}: {what}", allowed.Any() ? string.Join(", ", allowed) : "(none declared)");
}
