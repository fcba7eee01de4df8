using System.Collections.Immutable;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;
using static ComplianceScanner.Core.Tests.Permissions.Rbac;

namespace ComplianceScanner.Core.Tests.Rules.Rbac;

/// <summary>
/// A layer model shaped like the demo's (overlapping Secret-read duties, a cluster, a security layer and two teams, one
/// toxic combination) and terse builders for the RBAC objects the duty tests need.
/// </summary>
internal static class DutyWorld
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static PolicyRule Ingresses(params string[] verbs) => Rule(["networking.k8s.io"], ["ingresses"], verbs);

    public static PolicyRule Secrets(params string[] verbs) => Rule([""], ["secrets"], verbs);

    public static ScannerConfig Config { get; } = new()
    {
        Duties = BuiltinDuties.All
            .SetItem("tls-management", new Duty("tls-management", "Secrets read and write.", [Secrets("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection")]))
            .SetItem("controller-operation", new Duty("controller-operation", "Ingress status and Secret reads.", [Rule(["networking.k8s.io"], ["ingresses/status"], ["update", "patch"]), Secrets("get", "list", "watch")]))
            .SetItem("compliance-scanning", new Duty("compliance-scanning", "Secret lists.", [Secrets("list", "watch")])),
        ClusterLayer = new LayerDefinition(
            [Subject.Group("platform"), Subject.ServiceAccount("ingress", "controller")],
            ["ingress-class-management", "controller-operation", "rbac-management", "route-editing", "tls-management", "audit-read"])
        {
            Namespaces = ["ingress"],
        },
        SecurityLayer = new LayerDefinition(
            [Subject.Group("security"), Subject.ServiceAccount("security", "scanner")],
            ["audit-read", "admission-policy-management", "compliance-scanning"])
        {
            Namespaces = ["security"],
        },
        Teams =
        [
            new TeamDefinition { Name = "shop", Subjects = [Subject.Group("team-shop")], Namespaces = ["shop", "shop-*"], Duties = ["route-editing", "tls-management"] },
            new TeamDefinition { Name = "blog", Subjects = [Subject.Group("team-blog")], Namespaces = ["blog"], Duties = ["route-editing"] },
        ],
        Separation = [new SeparationRule("routes-vs-certificates", ["route-editing", "tls-management"], SeparationRule.BeyondOwnNamespaces, Findings.Severity.High)],
    };

    public static ClusterSnapshot Snapshot(params KubeObject[] objects) => new()
    {
        Roles = [.. objects.OfType<RbacRole>().Where(r => !r.IsClusterRole)],
        ClusterRoles = [.. objects.OfType<RbacRole>().Where(r => r.IsClusterRole)],
        RoleBindings = [.. objects.OfType<RbacBinding>().Where(b => !b.IsClusterBinding)],
        ClusterRoleBindings = [.. objects.OfType<RbacBinding>().Where(b => b.IsClusterBinding)],
        ServiceAccounts = [.. objects.OfType<ServiceAccountObject>()],
        ConfigMaps = [.. objects.OfType<ConfigMapObject>()],
    };

    public static EvaluationContext Context(params KubeObject[] objects) => Context(Config, objects);

    public static EvaluationContext Context(ScannerConfig config, params KubeObject[] objects) => new(Snapshot(objects), config, Today);

    public static RbacBinding Labeled(this RbacBinding binding, string key, string value) => binding with
    {
        Metadata = binding.Metadata with { Labels = ImmutableSortedDictionary<string, string>.Empty.Add(key, value) },
    };
}
