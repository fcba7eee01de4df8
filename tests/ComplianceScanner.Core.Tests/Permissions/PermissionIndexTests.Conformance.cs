using ComplianceScanner.Core.Permissions;
using static ComplianceScanner.Core.Tests.Permissions.RbacFixture;

namespace ComplianceScanner.Core.Tests.Permissions;

/// <summary>
/// Conformance of <see cref="PermissionIndex.Authorize"/> with the Kubernetes RBAC authorizer, one case per semantic rule,
/// over <see cref="RbacFixture"/>. <c>By</c> names the binding (<c>namespace/name</c> for RoleBindings) expected to allow.
/// </summary>
public sealed partial class PermissionIndexTests
{
    private static readonly AuthzCase[] Cases =
    [
        // Scope: ClusterRoleBinding everywhere; RoleBinding (even to a ClusterRole) only in its namespace.
        new("RB to ClusterRole allows in its namespace", User("alice"), R("create", "networking.k8s.io", "ingresses", "shop"), true, "shop/rb-editor"),
        new("RB to ClusterRole denies in another namespace", User("alice"), R("create", "networking.k8s.io", "ingresses", "other"), false),
        new("RB denies an all-namespaces list", User("alice"), R("list", "networking.k8s.io", "ingresses"), false),
        new("RB to ClusterRole allows get by name in its namespace", User("alice"), R("get", "networking.k8s.io", "ingresses", "shop", "promo"), true, "shop/rb-editor"),
        new("CRB allows in any namespace", Member("platform"), R("create", "networking.k8s.io", "ingresses", "far-away"), true, "crb-ingress-editors"),
        new("CRB allows an all-namespaces list", Member("platform"), R("list", "networking.k8s.io", "ingresses"), true, "crb-ingress-editors"),
        new("CRB verb not in rule is denied", Member("platform"), R("watch", "networking.k8s.io", "ingresses", "shop"), false),

        // Subresources.
        new("ingresses does not match ingresses/status", Member("platform"), R("update", "networking.k8s.io", "ingresses", "shop", "x", "status"), false),
        new("ingresses/status matches the status subresource", User("frank"), R("update", "networking.k8s.io", "ingresses", "shop", "x", "status"), true, "crb-ingress-status"),
        new("ingresses/status does not match the resource itself", User("frank"), R("update", "networking.k8s.io", "ingresses", "shop", "x"), false),
        new("ingresses/status in another group is denied", User("frank"), R("update", "extensions", "ingresses", "shop", "x", "status"), false),
        new("*/status matches pods/status", User("erin"), R("update", "", "pods", "shop", "p", "status"), true, "crb-status"),
        new("*/status matches deployments/status in apps", User("erin"), R("update", "apps", "deployments", "shop", "d", "status"), true, "crb-status"),
        new("*/status does not match the resource without subresource", User("erin"), R("update", "", "pods", "shop", "p"), false),
        new("*/status does not match another subresource", User("erin"), R("update", "", "pods", "shop", "p", "scale"), false),
        new("*/status with another verb is denied", User("erin"), R("get", "", "pods", "shop", "p", "status"), false),
        new("pods/* is not a wildcard for pods/log", User("judy"), R("get", "", "pods", "shop", "p", "log"), false),
        new("pods/* matches only a literal pods/* request", User("judy"), R("get", "", "pods", "shop", "p", "*"), true, "crb-pod-sub-star"),
        new("pods/* does not match pods", User("judy"), R("get", "", "pods", "shop", "p"), false),
        new("resource * matches any subresource", Member("admins"), R("update", "", "pods", "shop", "p", "status"), true, "crb-admins"),

        // API groups are literal; "" is the core group.
        new("networking.k8s.io rule does not match extensions", Member("platform"), R("create", "extensions", "ingresses", "shop"), false),
        new("extensions rule matches extensions", User("gina"), R("get", "extensions", "ingresses", "shop", "x"), true, "crb-legacy"),
        new("extensions rule does not match networking.k8s.io", User("gina"), R("get", "networking.k8s.io", "ingresses", "shop", "x"), false),
        new("core-group rule does not match apps", Member("team-shop"), R("get", "apps", "secrets", "shop", "s"), false),
        new("group * matches any group", Member("admins"), R("delete", "example.com", "widgets", "shop", "w"), true, "crb-admins"),

        // Role references.
        new("RB to Role in its namespace allows", Member("team-shop"), R("get", "", "secrets", "shop", "s"), true, "shop/rb-secrets"),
        new("RB to Role allows list", Member("team-shop"), R("list", "", "secrets", "shop"), true, "shop/rb-secrets"),
        new("RB to Role denies in other namespaces", Member("team-shop"), R("get", "", "secrets", "other", "s"), false),
        new("RB to Role denies verbs outside the Role", Member("team-shop"), R("delete", "", "secrets", "shop", "s"), false),
        new("RB cannot use another namespace's Role", User("bob"), R("get", "", "configmaps", "other", "c"), false),
        new("RB to Role of another namespace grants nothing in its own", User("bob"), R("get", "", "configmaps", "shop", "c"), false),
        new("CRB to a Role grants nothing", User("bob"), R("get", "", "secrets", "shop", "s"), false),
        new("CRB to a missing ClusterRole grants nothing", User("bob"), R("get", "", "pods"), false),

        // RoleBindings never grant cluster-scoped resources nor non-resource URLs.
        new("RB never grants a cluster-scoped request", User("carol"), R("get", "", "nodes", "", "n1"), false),
        new("RB never grants a non-resource URL", User("carol"), N("get", "/healthz"), false),
        new("RB grants a namespaced request whatever the resource", User("carol"), R("get", "", "nodes", "shop", "n1"), true, "shop/rb-nodes"),
        new("CRB grants a cluster-scoped request", User("dave"), R("get", "", "nodes", "", "n1"), true, "crb-nodes"),

        // Non-resource URLs.
        new("URL exact match", User("dave"), N("get", "/healthz"), true, "crb-nodes"),
        new("URL without * is not a prefix", User("dave"), N("get", "/healthz/etcd"), false),
        new("URL with trailing * is a prefix", User("dave"), N("get", "/logs/kubelet.log"), true, "crb-nodes"),
        new("URL prefix keeps its slash", User("dave"), N("get", "/logs"), false),
        new("URL verb must match", User("dave"), N("post", "/healthz"), false),
        new("URL * matches every path", Sa("monitoring", "prometheus"), N("get", "/metrics"), true, "crb-sa-group"),
        new("resource * does not grant URLs", Member("admins"), N("get", "/healthz"), false),

        // resourceNames.
        new("resourceNames allow the named object", User("hank"), R("get", "", "secrets", "shop", "tls-shop"), true, "shop/rb-named-secret"),
        new("resourceNames allow update of the named object", User("hank"), R("update", "", "secrets", "shop", "tls-shop"), true, "shop/rb-named-secret"),
        new("resourceNames deny other names", User("hank"), R("get", "", "secrets", "shop", "db-password"), false),
        new("resourceNames deny a nameless list", User("hank"), R("list", "", "secrets", "shop"), false),
        new("resourceNames deny a nameless watch", User("hank"), R("watch", "", "secrets", "shop"), false),
        new("resourceNames deny create", User("hank"), R("create", "", "secrets", "shop"), false),

        // Service accounts and implicit groups.
        new("SA subject without namespace in RB defaults to the binding's", Sa("shop", "deployer"), R("create", "", "pods", "shop", "p", "exec"), true, "shop/rb-sa-default-ns"),
        new("SA grant from RB stays in the namespace", Sa("shop", "deployer"), R("create", "", "pods", "other", "p", "exec"), false),
        new("SA of another namespace with the same name is another user", Sa("other", "deployer"), R("create", "", "pods", "shop", "p", "exec"), false),
        new("SA user name authenticates as the SA", UserInfo.Authenticated("system:serviceaccount:shop:deployer"), R("create", "", "pods", "shop", "p", "exec"), true, "shop/rb-sa-default-ns"),
        new("system:serviceaccounts:ns matches SAs of that namespace", Sa("ci", "builder"), R("create", "", "pods", "ci", "p", "exec"), true, "ci/rb-sa-all"),
        new("system:serviceaccounts:ns does not match other namespaces' SAs", Sa("shop", "builder"), R("create", "", "pods", "ci", "p", "exec"), false),
        new("SA without namespace in CRB never matches", Sa("default", "ghost"), R("get", "", "pods", "shop", "p"), false),
        new("system:authenticated applies to users", User("zed"), R("create", "authorization.k8s.io", "selfsubjectaccessreviews"), true, "crb-authenticated"),
        new("system:authenticated applies to service accounts", Sa("shop", "deployer"), R("create", "authorization.k8s.io", "selfsubjectaccessreviews"), true, "crb-authenticated"),
        new("anonymous is not authenticated", UserInfo.Anonymous, R("create", "authorization.k8s.io", "selfsubjectaccessreviews"), false),
        new("anonymous is unauthenticated", UserInfo.Anonymous, N("get", "/version"), true, "crb-unauth"),
        new("authenticated users are not unauthenticated", User("zed"), N("get", "/version"), false),
        new("groups are taken literally without implicit ones", new UserInfo("zed", []), R("create", "authorization.k8s.io", "selfsubjectaccessreviews"), false),
        new("subject kinds are case-sensitive", User("mallory"), R("get", "", "pods", "shop", "p"), false),

        // system:masters.
        new("system:masters may delete nodes", new UserInfo("root", ["system:masters"]), R("delete", "", "nodes", "", "n1"), true, "system:masters"),
        new("system:masters may reach any URL", new UserInfo("root", ["system:masters"]), N("put", "/anything"), true, "system:masters"),

        // Aggregation.
        new("aggregated role grants a matchLabels source's rule", Member("team-agg"), R("get", "", "configmaps", "shop", "c"), true, "shop/rb-agg"),
        new("aggregated role grants a matchExpressions source's rule", Member("team-agg"), R("get", "", "services", "shop", "s"), true, "shop/rb-agg"),
        new("aggregated role through RB stays in the namespace", Member("team-agg"), R("get", "", "configmaps", "other", "c"), false),
        new("aggregation is transitive", User("ivan"), R("get", "", "services", "far-away", "s"), true, "crb-agg"),
        new("aggregation grants only the sources' verbs", User("ivan"), R("delete", "", "configmaps", "far-away", "c"), false),
        new("aggregation through a cycle grants the sources' rules", User("kim"), R("get", "", "events", "shop", "e"), true, "crb-cycle"),

        // Deny by default.
        new("a user without bindings is denied", User("nobody"), R("get", "", "pods", "shop", "p"), false),
        new("a group without bindings is denied", Member("strangers"), R("get", "", "pods", "shop", "p"), false),
    ];

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Authorize_matches_the_Kubernetes_authorizer(string caseName)
    {
        var c = Cases.Single(x => x.Name == caseName);

        var decision = Engine.Authorize(c.User, c.Request);

        Assert.Equal(c.Allowed, decision.Allowed);
        if (c.Allowed)
        {
            var grant = Assert.IsType<Grant>(decision.AllowedBy);
            var by = grant.Kind == GrantKind.SystemMasters ? "system:masters" : grant.Binding!.Metadata.QualifiedName;
            Assert.Equal(c.By, by);
            Assert.Contains(grant, decision.Matches);
        }
        else
        {
            Assert.Null(decision.AllowedBy);
            Assert.Empty(decision.Matches);
            Assert.StartsWith("RBAC: no rules authorize user", decision.Reason);
        }
    }

    [Fact]
    public void Conformance_suite_has_unique_case_names()
    {
        Assert.Equal(Cases.Length, Cases.Select(c => c.Name).Distinct().Count());
        Assert.True(Cases.Length >= 60);
    }

    private static AuthorizationRequest R(string verb, string group, string resource, string ns = "", string name = "", string sub = "") =>
        AuthorizationRequest.ForResource(verb, group, resource, ns, name, sub);

    private static AuthorizationRequest N(string verb, string path) => AuthorizationRequest.ForNonResource(verb, path);

    private sealed record AuthzCase(string Name, UserInfo User, AuthorizationRequest Request, bool Allowed, string? By = null);
}
