using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Permissions;

/// <summary>
/// One permission a subject holds and its provenance chain: subject -> binding -> role (-> aggregated source role) -> rule.
/// </summary>
/// <param name="Kind">A binding, or membership of <c>system:masters</c>.</param>
/// <param name="Subject">
/// The binding's subject entry that applies (User, Group or ServiceAccount; a ServiceAccount without namespace in a
/// RoleBinding is shown with the binding's namespace, as the authorizer reads it). <c>Group:system:masters</c> for masters.
/// </param>
/// <param name="Namespace">The namespace the grant applies in; null when it applies cluster-wide (ClusterRoleBinding, masters).</param>
/// <param name="Binding">The binding; null for masters.</param>
/// <param name="Role">The bound role; null for masters.</param>
/// <param name="Rule">The granted rule.</param>
/// <param name="Source">The rule's position and origin in <paramref name="Role"/>; null for masters.</param>
public sealed record Grant(
    GrantKind Kind,
    Subject Subject,
    string? Namespace,
    RbacBinding? Binding,
    ResolvedRole? Role,
    PolicyRule Rule,
    ResolvedRule? Source)
{
    /// <summary>Everything on every resource: what <c>system:masters</c> holds for resource requests.</summary>
    public static PolicyRule AllResources { get; } = new() { Verbs = ["*"], ApiGroups = ["*"], Resources = ["*"] };

    /// <summary>Every verb on every URL: what <c>system:masters</c> holds for non-resource requests.</summary>
    public static PolicyRule AllNonResourceUrls { get; } = new() { Verbs = ["*"], NonResourceUrls = ["*"] };

    public bool IsClusterWide => Namespace is null;

    /// <summary>Zero-based index of the rule in the bound role's effective rules; -1 for masters.</summary>
    public int RuleIndex => Source?.Index ?? -1;

    /// <summary>The rule reached the bound role through aggregation (its origin is another ClusterRole).</summary>
    public bool IsAggregated => Source is not null && Role is not null && !ReferenceEquals(Source.Origin, Role.Role);

    /// <summary>
    /// False when the grant can never authorize anything: a non-resource rule reached through a RoleBinding (RoleBindings
    /// never grant non-resource URLs). A RoleBinding's rules on cluster-scoped resources are inert as well, but the engine
    /// has no resource discovery to tell which resources are cluster-scoped.
    /// </summary>
    public bool IsEffective => Namespace is null || (Rule.NonResourceUrls.IsEmpty || !Rule.Resources.IsEmpty);

    /// <summary><c>cluster-wide</c> or <c>namespace shop</c>.</summary>
    public string Scope => Namespace is null ? "cluster-wide" : $"namespace {Namespace}";

    /// <summary>The chain as display steps, e.g. <c>[Group:team-shop, RoleBinding shop/editors, ClusterRole/edit, ClusterRole/system:aggregate-to-edit via edit, rule #4: verbs=[...]]</c>.</summary>
    public ImmutableArray<string> Chain
    {
        get
        {
            if (Kind == GrantKind.SystemMasters)
            {
                return [Subject.ToString(), "system:masters bypasses RBAC", $"rule: {Rule}"];
            }

            var steps = ImmutableArray.CreateBuilder<string>();
            steps.Add(Subject.ToString());
            steps.Add($"{Binding!.Kind} {Binding.Metadata.QualifiedName}");
            steps.Add(Role!.DisplayName);
            if (IsAggregated)
            {
                steps.Add($"{Source!.Origin.Kind}/{Source.Origin.Metadata.QualifiedName} rule #{Source.OriginRuleIndex}"
                    + (Source.Via.IsEmpty ? string.Empty : $" (via {string.Join(" -> ", Source.Via)})"));
            }

            steps.Add($"rule #{RuleIndex}: {Rule}");
            return steps.ToImmutable();
        }
    }

    /// <summary>The chain joined by arrows, with the scope.</summary>
    public override string ToString() => $"{string.Join(" -> ", Chain)} ({Scope})";

    /// <summary>The wording of the Go authorizer's allow reason: <c>RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to Group "z"</c>.</summary>
    public string AuthorizerReason
    {
        get
        {
            if (Kind == GrantKind.SystemMasters)
            {
                return "allowed: member of system:masters, which bypasses RBAC";
            }

            // describeSubject prints a ServiceAccount as "name/namespace".
            var subject = Subject.Kind == Subject.ServiceAccountKind
                ? $"{Subject.Kind} \"{Subject.Name}/{Subject.Namespace}\""
                : $"{Subject.Kind} \"{Subject.Name}\"";
            var binding = Binding!.IsClusterBinding ? Binding.Metadata.Name : $"{Binding.Metadata.Name}/{Binding.Metadata.Namespace}";
            return $"RBAC: allowed by {Binding.Kind} \"{binding}\" of {Binding.RoleRef.Kind} \"{Binding.RoleRef.Name}\" to {subject}";
        }
    }
}
