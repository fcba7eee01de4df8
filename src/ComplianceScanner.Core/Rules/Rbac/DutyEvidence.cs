using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Rules.Rbac;

/// <summary>Evidence and wording shared by the RBAC boundary rules: the chain subject -> binding -> role -> rule.</summary>
internal static class DutyEvidence
{
    public static Evidence Subject(SubjectDeclaration declaration) => new("subject", declaration.Subject.ToString(), declaration.Verdict);

    public static Evidence Binding(RbacBinding binding) =>
        new("binding", binding.Reference.ToString(), binding.IsClusterBinding ? "cluster-wide" : $"namespace {binding.Metadata.Namespace}");

    /// <summary>The chain of one binding: subject, binding, role (with the roles it aggregates rules from), then each rule.</summary>
    public static IEnumerable<Evidence> Chain(SubjectDeclaration declaration, RbacBinding binding, IEnumerable<Grant> grants)
    {
        var list = grants.DistinctBy(g => g.RuleIndex).OrderBy(g => g.RuleIndex).ToList();
        yield return Subject(declaration);
        yield return Binding(binding);
        if (list.FirstOrDefault()?.Role is { } role)
        {
            var origins = list.Where(g => g.IsAggregated).Select(g => $"{g.Source!.Origin.Kind}/{g.Source.Origin.Metadata.QualifiedName}")
                .Distinct(StringComparer.Ordinal).ToList();
            yield return new Evidence("role", role.DisplayName, origins.Count == 0 ? "as declared" : $"aggregated from {string.Join(", ", origins)}");
        }

        foreach (var g in list)
        {
            yield return Rule(g);
        }
    }

    /// <summary>A rule, referenced where it is written (for an aggregated role, in the ClusterRole it comes from).</summary>
    public static Evidence Rule(Grant grant) => new(
        "rule",
        grant.IsAggregated
            ? $"{grant.Source!.Origin.Kind}/{grant.Source.Origin.Metadata.QualifiedName} rules[{grant.Source.OriginRuleIndex}]"
            : $"rules[{grant.RuleIndex}]",
        grant.Rule.ToString());

    /// <summary><c>ClusterRoleBinding ci-deployer (ClusterRole/ci-deployer)</c>.</summary>
    public static string Via(RbacBinding binding)
    {
        var role = binding.RoleRef.Kind == "Role" && binding.Metadata.Namespace is { } ns
            ? $"Role/{ns}/{binding.RoleRef.Name}"
            : $"{binding.RoleRef.Kind}/{binding.RoleRef.Name}";
        return $"{binding.Kind} {binding.Metadata.QualifiedName} ({role})";
    }

    /// <summary><c>cluster-wide</c> or <c>in namespace shop</c>.</summary>
    public static string InScope(string? ns) => ns is null ? "cluster-wide" : $"in namespace {ns}";

    /// <summary><c>a</c>, <c>a and b</c>, <c>a, b and c</c>.</summary>
    public static string And(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "nothing",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };

    /// <summary>Atomic permissions grouped by resource: <c>ingresses.networking.k8s.io: create, patch; secrets: get</c>.</summary>
    public static string Permissions(IEnumerable<PolicyRule> tuples) => string.Join("; ", tuples
        .GroupBy(t => t.NonResourceUrls.IsEmpty
            ? (t.Resources.FirstOrDefault() ?? string.Empty) + (t.ApiGroups.FirstOrDefault() is { Length: > 0 } g ? "." + g : string.Empty)
            : t.NonResourceUrls[0])
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key}: {string.Join(", ", g.SelectMany(t => t.Verbs).Distinct(StringComparer.Ordinal))}"));

    /// <summary>Built-in when the subject is a Kubernetes component or the binding ships with Kubernetes or the platform.</summary>
    public static bool IsBuiltin(SubjectDeclaration declaration, RbacBinding binding) =>
        declaration.IsBuiltin || BuiltinRecognition.IsBuiltinObject(binding);

    public static Finding Mark(Finding finding, bool builtin) => builtin ? finding with { State = FindingState.Builtin } : finding;

    /// <summary>
    /// The layer whose boundary a grant of these duties crosses: in a namespace, the namespace's owner (the cluster layer
    /// for a namespace nobody owns); cluster-wide, the layer that declares the duties (security when only it does).
    /// </summary>
    public static string OwningLayer(DutyAnalysis analysis, IReadOnlyCollection<string> duties, string? ns)
    {
        if (ns is not null)
        {
            var owner = analysis.Ownership.OwnerOf(ns).Layer;
            return owner == Layer.Undeclared ? Layer.Cluster : owner;
        }

        var config = analysis.Config;
        var cluster = duties.Any(d => config.ClusterLayer.Duties.Contains(d, StringComparer.Ordinal));
        var security = duties.Any(d => config.SecurityLayer.Duties.Contains(d, StringComparer.Ordinal));
        if (security && !cluster)
        {
            return Layer.Security;
        }

        return cluster || !duties.Any(d => config.Teams.Any(t => t.Duties.Contains(d, StringComparer.Ordinal))) ? Layer.Cluster : Layer.Namespace;
    }

    /// <summary>The team a finding belongs to: the subject's, else the owner of the binding's namespace.</summary>
    public static string? TeamOf(DutyAnalysis analysis, SubjectDeclaration declaration, RbacBinding binding) =>
        declaration.Team?.Name ?? (binding.Metadata.Namespace is { } ns ? analysis.Ownership.TeamOf(ns)?.Name : null);
}
