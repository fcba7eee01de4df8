using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Tests.Permissions;

/// <summary>Terse builders for RBAC objects in tests.</summary>
internal static class Rbac
{
    public static PolicyRule Rule(string[] groups, string[] resources, string[] verbs, string[]? names = null) => new()
    {
        ApiGroups = [.. groups],
        Resources = [.. resources],
        Verbs = [.. verbs],
        ResourceNames = names is null ? [] : [.. names],
    };

    public static PolicyRule Urls(string[] urls, string[] verbs) => new() { NonResourceUrls = [.. urls], Verbs = [.. verbs] };

    public static RbacRole ClusterRole(string name, params PolicyRule[] rules) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Rules = [.. rules],
    };

    public static RbacRole Labeled(this RbacRole role, params (string Key, string Value)[] labels) => role with
    {
        Metadata = role.Metadata with { Labels = labels.ToImmutableSortedDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal) },
    };

    public static RbacRole Aggregating(this RbacRole role, params LabelSelector[] selectors) => role with { AggregationSelectors = [.. selectors] };

    public static LabelSelector Labels(params (string Key, string Value)[] labels) => new()
    {
        MatchLabels = labels.ToImmutableSortedDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal),
    };

    public static LabelSelector Expression(string key, string op, params string[] values) => new()
    {
        MatchExpressions = [new LabelSelectorRequirement(key, op, [.. values])],
    };

    public static RbacRole Role(string ns, string name, params PolicyRule[] rules) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Rules = [.. rules],
    };

    public static RbacBinding Crb(string name, string roleKind, string roleName, params Subject[] subjects) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        RoleRef = new RoleRef(roleKind, roleName),
        Subjects = [.. subjects],
    };

    public static RbacBinding Rb(string ns, string name, string roleKind, string roleName, params Subject[] subjects) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        RoleRef = new RoleRef(roleKind, roleName),
        Subjects = [.. subjects],
    };

    public static ServiceAccountObject ServiceAccount(string ns, string name) => new() { Metadata = new ObjectMeta { Name = name, Namespace = ns } };
}
