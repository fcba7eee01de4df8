using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Snapshot;
using static ComplianceScanner.Core.Tests.Permissions.Rbac;

namespace ComplianceScanner.Core.Tests.Permissions;

/// <summary>
/// A small cluster that exercises every RBAC authorizer rule: scopes, roleRef resolution, wildcards, subresources, groups,
/// resourceNames, non-resource URLs, implicit groups, aggregation and dangling references.
/// </summary>
internal static class RbacFixture
{
    public static ClusterSnapshot Snapshot { get; } = new()
    {
        ClusterRoles =
        [
            ClusterRole("ingress-editor", Rule(["networking.k8s.io"], ["ingresses"], ["get", "list", "create", "update", "patch", "delete"])),
            ClusterRole("ingress-status", Rule(["networking.k8s.io"], ["ingresses/status"], ["update", "patch"])),
            ClusterRole("status-updater", Rule(["*"], ["*/status"], ["update"])),
            ClusterRole("legacy-ingress", Rule(["extensions"], ["ingresses"], ["get"])),
            ClusterRole("secret-reader-named", Rule([""], ["secrets"], ["get", "list", "watch", "update"], ["tls-shop"])),
            ClusterRole("all-wild", Rule(["*"], ["*"], ["*"])),
            ClusterRole("nodes-reader", Rule([""], ["nodes"], ["get", "list"]), Urls(["/healthz", "/logs/*"], ["get"])),
            ClusterRole("metrics-star", Urls(["*"], ["get"])),
            ClusterRole("pod-sub-star", Rule([""], ["pods/*"], ["get"])),
            ClusterRole("pods-exec", Rule([""], ["pods/exec"], ["create"])),
            ClusterRole("basic", Rule(["authorization.k8s.io"], ["selfsubjectaccessreviews"], ["create"])),
            ClusterRole("public-info", Urls(["/version", "/healthz"], ["get"])),

            // Aggregation: aggregated-top <- aggregated-feature <- (agg-base, agg-dup by label; agg-extra by expression).
            ClusterRole("agg-base", Rule([""], ["configmaps"], ["get"])).Labeled(("agg/feature", "true")),
            ClusterRole("agg-dup", Rule([""], ["configmaps"], ["get"])).Labeled(("agg/feature", "true")),
            ClusterRole("agg-extra", Rule([""], ["services"], ["get"])).Labeled(("agg/tier", "gold")),
            ClusterRole("aggregated-feature")
                .Labeled(("agg/top", "true"))
                .Aggregating(Labels(("agg/feature", "true")), Expression("agg/tier", "In", "gold", "silver")),
            ClusterRole("aggregated-top").Aggregating(Labels(("agg/top", "true"))),

            // A cycle: cycle-a selects cyc=b, cycle-b selects cyc=a; cycle-src feeds cyc=a.
            ClusterRole("cycle-a").Labeled(("cyc", "a")).Aggregating(Labels(("cyc", "b"))),
            ClusterRole("cycle-b").Labeled(("cyc", "b")).Aggregating(Labels(("cyc", "a"))),
            ClusterRole("cycle-src", Rule([""], ["events"], ["get"])).Labeled(("cyc", "a")),
        ],
        Roles =
        [
            Role("shop", "shop-secrets", Rule([""], ["secrets"], ["get", "list"])),
            Role("other", "other-role", Rule([""], ["configmaps"], ["get"])),
        ],
        ClusterRoleBindings =
        [
            Crb("crb-ingress-editors", "ClusterRole", "ingress-editor", Subject.Group("platform")),
            Crb("crb-missing", "ClusterRole", "nope", Subject.User("bob")),
            Crb("crb-role-ref", "Role", "shop-secrets", Subject.User("bob")),
            Crb("crb-nodes", "ClusterRole", "nodes-reader", Subject.User("dave")),
            Crb("crb-status", "ClusterRole", "status-updater", Subject.User("erin")),
            Crb("crb-ingress-status", "ClusterRole", "ingress-status", Subject.User("frank")),
            Crb("crb-legacy", "ClusterRole", "legacy-ingress", Subject.User("gina")),
            Crb("crb-sa-group", "ClusterRole", "metrics-star", Subject.Group("system:serviceaccounts:monitoring")),
            Crb("crb-authenticated", "ClusterRole", "basic", Subject.Group("system:authenticated")),
            Crb("crb-unauth", "ClusterRole", "public-info", Subject.Group("system:unauthenticated")),
            Crb("crb-sa-nons", "ClusterRole", "all-wild", new Subject(Subject.ServiceAccountKind, "ghost")),
            Crb("crb-admins", "ClusterRole", "all-wild", Subject.Group("admins")),
            Crb("crb-agg", "ClusterRole", "aggregated-top", Subject.User("ivan")),
            Crb("crb-pod-sub-star", "ClusterRole", "pod-sub-star", Subject.User("judy")),
            Crb("crb-wrong-kind", "ClusterRole", "all-wild", new Subject("user", "mallory")),
            Crb("crb-cycle", "ClusterRole", "cycle-a", Subject.User("kim")),
        ],
        RoleBindings =
        [
            Rb("shop", "rb-editor", "ClusterRole", "ingress-editor", Subject.User("alice")),
            Rb("shop", "rb-secrets", "Role", "shop-secrets", Subject.Group("team-shop")),
            Rb("shop", "rb-other-role", "Role", "other-role", Subject.User("bob")),
            Rb("shop", "rb-missing", "Role", "nope", Subject.User("bob")),
            Rb("shop", "rb-nodes", "ClusterRole", "nodes-reader", Subject.User("carol")),
            Rb("shop", "rb-named-secret", "ClusterRole", "secret-reader-named", Subject.User("hank")),
            Rb("shop", "rb-sa-default-ns", "ClusterRole", "pods-exec", new Subject(Subject.ServiceAccountKind, "deployer")),
            Rb("ci", "rb-sa-all", "ClusterRole", "pods-exec", Subject.Group("system:serviceaccounts:ci")),
            Rb("shop", "rb-agg", "ClusterRole", "aggregated-feature", Subject.Group("team-agg")),
        ],
        ServiceAccounts = [ServiceAccount("shop", "deployer"), ServiceAccount("ci", "builder")],
    };

    // Declared after Snapshot: static initializers run in order.
    public static PermissionIndex Engine { get; } = PermissionIndex.Build(Snapshot);

    public static UserInfo User(string name) => UserInfo.ForSubject(Subject.User(name));

    public static UserInfo Member(string group) => UserInfo.ForSubject(Subject.Group(group));

    public static UserInfo Sa(string ns, string name) => UserInfo.ForSubject(Subject.ServiceAccount(ns, name));
}
