using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>The evidence chain of RBAC findings: subject -> binding -> role -> rule, each step with its verdict.</summary>
public static class RbacEvidence
{
    /// <summary>The subject and where it stands (<c>team shop</c>, <c>declared in no layer</c>, built-in ...).</summary>
    public static Evidence Subject(Subject subject, SubjectStanding standing)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(standing);
        string detail;
        if (standing.IsUndeclared && BuiltinRecognition.IsBroadIdentity(subject))
        {
            detail = subject.Name switch
            {
                UserInfo.AnonymousUser => "every anonymous request",
                UserInfo.UnauthenticatedGroup => "implicit group: every unauthenticated request",
                UserInfo.AuthenticatedGroup => "implicit group: every authenticated user and service account",
                UserInfo.ServiceAccountsGroup => "implicit group: every service account",
                _ => $"implicit group: every service account of namespace {subject.Name[UserInfo.ServiceAccountNamespaceGroupPrefix.Length..]}",
            };
        }
        else if (standing.IsUndeclared && BuiltinRecognition.IsBuiltinSubject(subject))
        {
            detail = "Kubernetes built-in identity, declared in no layer";
        }
        else
        {
            detail = standing.Description;
        }

        return new Evidence("subject", subject.ToString(), detail);
    }

    /// <summary>The binding, its scope and who owns that scope: <c>namespace payments (team payments)</c>.</summary>
    public static Evidence Binding(RbacBinding binding, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(context);
        string scope;
        if (binding.IsClusterBinding)
        {
            scope = "cluster-wide";
        }
        else
        {
            var ns = binding.Metadata.Namespace!;
            var owner = context.Ownership.OwnerOf(ns);
            var who = owner.Team is { } team ? $"team {team.Name}" : owner.Layer == Layer.Undeclared ? "owned by nobody" : $"{owner.Layer} layer";
            scope = $"namespace {ns} ({who})";
        }

        if (BuiltinRecognition.IsBuiltinObject(binding))
        {
            scope += "; built-in binding";
        }

        return new Evidence("binding", binding.Reference.ToString(), scope);
    }

    /// <summary>The bound role; says when it is built-in or aggregated.</summary>
    public static Evidence Role(ResolvedRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var notes = new List<string>();
        if (BuiltinRecognition.IsBuiltinObject(role.Role))
        {
            notes.Add("built-in");
        }

        if (role.Aggregation is { } agg)
        {
            notes.Add(agg.SelectedRoles.IsEmpty ? "aggregated, selects no ClusterRole" : $"aggregated from {string.Join(", ", agg.SelectedRoles)}");
        }

        return new Evidence("role", role.DisplayName, notes.Count == 0 ? $"{role.Rules.Length} rule(s)" : string.Join("; ", notes));
    }

    /// <summary>A role named by a roleRef that does not resolve.</summary>
    public static Evidence MissingRole(RoleRef roleRef, string? ns)
    {
        ArgumentNullException.ThrowIfNull(roleRef);
        var where = roleRef.IsClusterRole || ns is null ? string.Empty : $" in namespace {ns}";
        return new Evidence("role", roleRef.ToString(), $"does not exist{where}");
    }

    /// <summary>One effective rule of the role: <c>rules[3]</c>, the rule, and where an aggregated rule comes from.</summary>
    public static Evidence Rule(ResolvedRole role, ResolvedRule rule, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(rule);
        var detail = rule.Rule.ToString();
        if (!ReferenceEquals(rule.Origin, role.Role))
        {
            detail += $" (from {rule.OriginDescription})";
        }

        if (note is not null)
        {
            detail += $": {note}";
        }

        return new Evidence("rule", $"rules[{rule.Index}]", detail);
    }
}
