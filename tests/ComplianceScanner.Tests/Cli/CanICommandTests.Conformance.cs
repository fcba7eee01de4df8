using ComplianceScanner.Cli;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Tests.Cli;

/// <summary>
/// The authorizer's semantics asked through the command line, over Fixtures/rbac-conformance.yaml (the engine
/// conformance fixture as manifests). Each case gives the kubectl-style arguments, the answer, and the user and request
/// the arguments mean; the test checks the CLI's answer and that the engine gives the same answer to that request.
/// </summary>
public sealed partial class CanICommandTests
{
    private static readonly CanICase[] Cases =
    [
        // Scope: ClusterRoleBinding everywhere; RoleBinding (even to a ClusterRole) only in its namespace.
        new("RB to ClusterRole allows in its namespace", "create ingresses -n shop --as alice", true, U("alice"), R("create", Net, "ingresses", "shop")),
        new("RB to ClusterRole denies in another namespace", "create ingresses -n other --as alice", false, U("alice"), R("create", Net, "ingresses", "other")),
        new("RB denies the all-namespaces question", "list ingresses -A --as alice", false, U("alice"), R("list", Net, "ingresses")),
        new("RB to ClusterRole allows TYPE/NAME in its namespace", "get ingress/promo -n shop --as alice", true, U("alice"), R("get", Net, "ingresses", "shop", "promo")),
        new("without -n the namespace is default", "create ingresses --as alice", false, U("alice"), R("create", Net, "ingresses", "default")),
        new("CRB allows in any namespace", "create ing -n far-away --as pat --as-group platform", true, M("pat", "platform"), R("create", Net, "ingresses", "far-away")),
        new("CRB allows in the default namespace", "create ingresses --as pat --as-group platform", true, M("pat", "platform"), R("create", Net, "ingresses", "default")),
        new("CRB answers the all-namespaces question", "list ingresses.networking.k8s.io -A --as pat --as-group platform", true, M("pat", "platform"), R("list", Net, "ingresses")),
        new("CRB verb not in the rule is denied", "watch ingresses -n shop --as pat --as-group platform", false, M("pat", "platform"), R("watch", Net, "ingresses", "shop")),

        // Subresources.
        new("ingresses does not match ingresses/status", "update ingresses/x -n shop --subresource status --as pat --as-group platform", false, M("pat", "platform"), R("update", Net, "ingresses", "shop", "x", "status")),
        new("ingresses/status matches the status subresource", "update ingresses/x -n shop --subresource status --as frank", true, U("frank"), R("update", Net, "ingresses", "shop", "x", "status")),
        new("ingresses/status does not match the resource itself", "update ingresses/x -n shop --as frank", false, U("frank"), R("update", Net, "ingresses", "shop", "x")),
        new("ingresses/status in another group is denied", "update ingresses.extensions/x -n shop --subresource status --as frank", false, U("frank"), R("update", "extensions", "ingresses", "shop", "x", "status")),
        new("*/status matches pods/status", "update pods/p -n shop --subresource status --as erin", true, U("erin"), R("update", "", "pods", "shop", "p", "status")),
        new("*/status matches deployments/status in apps", "update deployments.apps/d -n shop --subresource status --as erin", true, U("erin"), R("update", "apps", "deployments", "shop", "d", "status")),
        new("*/status does not match the resource without subresource", "update pods/p -n shop --as erin", false, U("erin"), R("update", "", "pods", "shop", "p")),
        new("*/status does not match another subresource", "update pods/p -n shop --subresource scale --as erin", false, U("erin"), R("update", "", "pods", "shop", "p", "scale")),
        new("*/status with another verb is denied", "get pods/p -n shop --subresource status --as erin", false, U("erin"), R("get", "", "pods", "shop", "p", "status")),
        new("pods/* is not a wildcard for pods/log", "get pods/p -n shop --subresource log --as judy", false, U("judy"), R("get", "", "pods", "shop", "p", "log")),
        new("pods/* matches only a literal * subresource", "get pods/p -n shop --subresource * --as judy", true, U("judy"), R("get", "", "pods", "shop", "p", "*")),
        new("pods/* does not match pods", "get pods/p -n shop --as judy", false, U("judy"), R("get", "", "pods", "shop", "p")),
        new("resource * matches any subresource", "update po/p -n shop --subresource status --as root --as-group admins", true, M("root", "admins"), R("update", "", "pods", "shop", "p", "status")),
        new("--subresource asks for the subresource", "get pods -n shop --subresource log --as lena", true, U("lena"), R("get", "", "pods", "shop", "", "log")),
        new("TYPE/NAME names an object, not a subresource", "get pods/log -n shop --as lena", false, U("lena"), R("get", "", "pods", "shop", "log")),
        new("subresource of a short name", "update deploy/web -n shop --subresource scale --as sam", true, U("sam"), R("update", "apps", "deployments", "shop", "web", "scale")),
        new("subresource grant stays in its namespace", "patch deployments/web -n other --subresource scale --as sam", false, U("sam"), R("patch", "apps", "deployments", "other", "web", "scale")),

        // API groups are literal; "" is the core group.
        new("networking.k8s.io rule does not match extensions", "create ingresses.extensions -n shop --as pat --as-group platform", false, M("pat", "platform"), R("create", "extensions", "ingresses", "shop")),
        new("extensions rule matches extensions", "get ingresses.extensions/x -n shop --as gina", true, U("gina"), R("get", "extensions", "ingresses", "shop", "x")),
        new("extensions rule does not match networking.k8s.io", "get ing/x -n shop --as gina", false, U("gina"), R("get", Net, "ingresses", "shop", "x")),
        new("core-group rule does not match apps", "get secrets.apps/s -n shop --as tom --as-group team-shop", false, M("tom", "team-shop"), R("get", "apps", "secrets", "shop", "s")),
        new("group * matches any group", "delete widgets.example.com/w -n shop --as root --as-group admins", true, M("root", "admins"), R("delete", "example.com", "widgets", "shop", "w")),
        new("an unknown TYPE.group is checked as written", "get widgets.example.com -n shop --as wendy", true, U("wendy"), R("get", "example.com", "widgets", "shop")),
        new("an unknown TYPE without group is the core group", "get widgets -n shop --as wendy", false, U("wendy"), R("get", "", "widgets", "shop")),

        // Role references.
        new("RB to Role in its namespace allows", "get secrets/s -n shop --as tom --as-group team-shop", true, M("tom", "team-shop"), R("get", "", "secrets", "shop", "s")),
        new("RB to Role allows list", "list secrets -n shop --as tom --as-group team-shop", true, M("tom", "team-shop"), R("list", "", "secrets", "shop")),
        new("RB to Role denies in other namespaces", "get secrets/s -n other --as tom --as-group team-shop", false, M("tom", "team-shop"), R("get", "", "secrets", "other", "s")),
        new("RB to Role denies verbs outside the Role", "delete secrets/s -n shop --as tom --as-group team-shop", false, M("tom", "team-shop"), R("delete", "", "secrets", "shop", "s")),
        new("RB cannot use another namespace's Role", "get cm/c -n other --as bob", false, U("bob"), R("get", "", "configmaps", "other", "c")),
        new("RB to Role of another namespace grants nothing in its own", "get configmaps/c -n shop --as bob", false, U("bob"), R("get", "", "configmaps", "shop", "c")),
        new("CRB to a Role grants nothing", "get secrets/s -n shop --as bob", false, U("bob"), R("get", "", "secrets", "shop", "s")),
        new("CRB to a missing ClusterRole grants nothing", "get pods -A --as bob", false, U("bob"), R("get", "", "pods")),

        // RoleBindings never grant cluster-scoped resources nor non-resource URLs; cluster-scoped kinds ignore -n.
        new("RB never grants a cluster-scoped resource", "get nodes/n1 --as carol", false, U("carol"), R("get", "", "nodes", "", "n1")),
        new("a cluster-scoped kind ignores -n", "get nodes/n1 -n shop --as carol", false, U("carol"), R("get", "", "nodes", "", "n1")),
        new("RB never grants a non-resource URL", "get /healthz --as carol", false, U("carol"), N("get", "/healthz")),
        new("CRB grants a cluster-scoped resource", "get no/n1 --as dave", true, U("dave"), R("get", "", "nodes", "", "n1")),
        new("CRB grants a cluster-scoped list", "list nodes -A --as dave", true, U("dave"), R("list", "", "nodes")),
        new("a RoleBinding in a namespace answers for that Namespace object", "get namespaces/shop --as nina", true, U("nina"), R("get", "", "namespaces", "shop", "shop")),
        new("a RoleBinding does not answer for another Namespace object", "get ns/other --as nina", false, U("nina"), R("get", "", "namespaces", "other", "other")),
        new("a RoleBinding does not answer for namespaces in general", "get namespaces -n shop --as nina", false, U("nina"), R("get", "", "namespaces")),
        new("RB grants a namespaced Gateway API resource", "create httproutes.gateway.networking.k8s.io -n shop --as gus", true, U("gus"), R("create", Gateway, "httproutes", "shop")),
        new("RB never grants a cluster-scoped Gateway API resource", "get gatewayclasses/public -n shop --as gus", false, U("gus"), R("get", Gateway, "gatewayclasses", "", "public")),
        new("CRB grants a cluster-scoped Gateway API resource", "get gatewayclasses --as gabe", true, U("gabe"), R("get", Gateway, "gatewayclasses")),
        new("CRB grants HTTPRoutes by kind name", "create HTTPRoute -n shop --as gabe", true, U("gabe"), R("create", Gateway, "httproutes", "shop")),

        // Non-resource URLs.
        new("URL exact match", "get /healthz --as dave", true, U("dave"), N("get", "/healthz")),
        new("URL without * is not a prefix", "get /healthz/etcd --as dave", false, U("dave"), N("get", "/healthz/etcd")),
        new("URL with trailing * is a prefix", "get /logs/kubelet.log --as dave", true, U("dave"), N("get", "/logs/kubelet.log")),
        new("URL prefix keeps its slash", "get /logs --as dave", false, U("dave"), N("get", "/logs")),
        new("URL verb must match", "post /healthz --as dave", false, U("dave"), N("post", "/healthz")),
        new("URL * matches every path", "get /metrics --as system:serviceaccount:monitoring:prometheus", true, U("system:serviceaccount:monitoring:prometheus"), N("get", "/metrics")),
        new("resource * does not grant URLs", "get /healthz --as root --as-group admins", false, M("root", "admins"), N("get", "/healthz")),

        // resourceNames.
        new("resourceNames allow the named object", "get secrets/tls-shop -n shop --as hank", true, U("hank"), R("get", "", "secrets", "shop", "tls-shop")),
        new("resourceNames allow update of the named object", "update secret/tls-shop -n shop --as hank", true, U("hank"), R("update", "", "secrets", "shop", "tls-shop")),
        new("resourceNames deny other names", "get secrets/db-password -n shop --as hank", false, U("hank"), R("get", "", "secrets", "shop", "db-password")),
        new("resourceNames deny a nameless list", "list secrets -n shop --as hank", false, U("hank"), R("list", "", "secrets", "shop")),
        new("resourceNames deny a nameless watch", "watch secrets -n shop --as hank", false, U("hank"), R("watch", "", "secrets", "shop")),
        new("resourceNames deny create", "create secrets -n shop --as hank", false, U("hank"), R("create", "", "secrets", "shop")),

        // Service accounts and implicit groups.
        new("SA subject without namespace in RB defaults to the binding's", "create pods/p -n shop --subresource exec --as system:serviceaccount:shop:deployer", true, U("system:serviceaccount:shop:deployer"), R("create", "", "pods", "shop", "p", "exec")),
        new("SA grant from RB stays in the namespace", "create pods/p -n other --subresource exec --as system:serviceaccount:shop:deployer", false, U("system:serviceaccount:shop:deployer"), R("create", "", "pods", "other", "p", "exec")),
        new("SA of another namespace with the same name is another user", "create pods/p -n shop --subresource exec --as system:serviceaccount:other:deployer", false, U("system:serviceaccount:other:deployer"), R("create", "", "pods", "shop", "p", "exec")),
        new("--as a service account gets system:serviceaccounts:ns", "create pods/p -n ci --subresource exec --as system:serviceaccount:ci:builder", true, U("system:serviceaccount:ci:builder"), R("create", "", "pods", "ci", "p", "exec")),
        new("system:serviceaccounts:ns does not match other namespaces' SAs", "create pods/p -n ci --subresource exec --as system:serviceaccount:shop:builder", false, U("system:serviceaccount:shop:builder"), R("create", "", "pods", "ci", "p", "exec")),
        new("--as-group replaces a service account's implicit groups", "create pods/p -n ci --subresource exec --as system:serviceaccount:ci:builder --as-group builders", false, M("system:serviceaccount:ci:builder", "builders"), R("create", "", "pods", "ci", "p", "exec")),
        new("SA without namespace in CRB never matches", "get pods/p -n shop --as system:serviceaccount:default:ghost", false, U("system:serviceaccount:default:ghost"), R("get", "", "pods", "shop", "p")),
        new("system:authenticated applies to users", "create selfsubjectaccessreviews --as zed", true, U("zed"), R("create", "authorization.k8s.io", "selfsubjectaccessreviews")),
        new("system:authenticated applies to service accounts", "create selfsubjectaccessreviews.authorization.k8s.io --as system:serviceaccount:shop:deployer", true, U("system:serviceaccount:shop:deployer"), R("create", "authorization.k8s.io", "selfsubjectaccessreviews")),
        new("anonymous is not authenticated", "create selfsubjectaccessreviews --as system:anonymous", false, UserInfo.Anonymous, R("create", "authorization.k8s.io", "selfsubjectaccessreviews")),
        new("anonymous is unauthenticated", "get /version --as system:anonymous", true, UserInfo.Anonymous, N("get", "/version")),
        new("authenticated users are not unauthenticated", "get /version --as zed", false, U("zed"), N("get", "/version")),
        new("an explicit system:unauthenticated group replaces system:authenticated", "create selfsubjectaccessreviews --as zed --as-group system:unauthenticated", false, new UserInfo("zed", ["system:unauthenticated"]), R("create", "authorization.k8s.io", "selfsubjectaccessreviews")),
        new("a user named like a group is not its member", "get secrets/s -n shop --as team-shop", false, U("team-shop"), R("get", "", "secrets", "shop", "s")),

        // system:masters.
        new("system:masters may delete nodes", "delete nodes/n1 --as root --as-group system:masters", true, M("root", "system:masters"), R("delete", "", "nodes", "", "n1")),
        new("system:masters may reach any URL", "put /anything --as root --as-group system:masters", true, M("root", "system:masters"), N("put", "/anything")),

        // Aggregation.
        new("aggregated role grants a matchLabels source's rule", "get cm/c -n shop --as ann --as-group team-agg", true, M("ann", "team-agg"), R("get", "", "configmaps", "shop", "c")),
        new("aggregated role grants a matchExpressions source's rule", "get svc/s -n shop --as ann --as-group team-agg", true, M("ann", "team-agg"), R("get", "", "services", "shop", "s")),
        new("aggregated role through RB stays in the namespace", "get configmaps/c -n other --as ann --as-group team-agg", false, M("ann", "team-agg"), R("get", "", "configmaps", "other", "c")),
        new("aggregation is transitive", "get services/s -n far-away --as ivan", true, U("ivan"), R("get", "", "services", "far-away", "s")),
        new("aggregation grants only the sources' verbs", "delete configmaps/c -n far-away --as ivan", false, U("ivan"), R("delete", "", "configmaps", "far-away", "c")),
        new("aggregation through a cycle grants the sources' rules", "get ev/e -n shop --as kim", true, U("kim"), R("get", "", "events", "shop", "e")),
        new("events.k8s.io events are another group", "get events.events.k8s.io/e -n shop --as kim", false, U("kim"), R("get", "events.k8s.io", "events", "shop", "e")),

        // The verb * and the resource * are literal.
        new("verb * is allowed by a rule with verb *", "* configmaps -n shop --as stella", true, U("stella"), R("*", "", "configmaps", "shop")),
        new("verb * is not allowed by a list of verbs", "* ingresses -n shop --as alice", false, U("alice"), R("*", Net, "ingresses", "shop")),
        new("* * is allowed by everything on everything", "* * -n shop --as root --as-group admins", true, M("root", "admins"), R("*", "", "*", "shop")),
        new("resource * is allowed by a rule on every core resource", "get * -n shop --as cora", true, U("cora"), R("get", "", "*", "shop")),
        new("core resource * does not cover apps", "get deployments.apps -n shop --as cora", false, U("cora"), R("get", "apps", "deployments", "shop")),
        new("core resource * covers pods", "get pods -n shop --as cora", true, U("cora"), R("get", "", "pods", "shop")),

        // Deny by default.
        new("a user without bindings is denied", "get pods/p -n shop --as nobody", false, U("nobody"), R("get", "", "pods", "shop", "p")),
        new("a group without bindings is denied", "get pods/p -n shop --as nobody --as-group strangers", false, M("nobody", "strangers"), R("get", "", "pods", "shop", "p")),
    ];

    private const string Net = "networking.k8s.io";
    private const string Gateway = "gateway.networking.k8s.io";

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Can_i_answers_as_the_authorizer_and_agrees_with_the_engine(string caseName)
    {
        var c = Cases.Single(x => x.Name == caseName);

        var engine = ConformanceFixture.Index.Authorize(c.User, c.Request);
        var r = CliRunner.Run(ConformanceFixture.WorkingDirectory, ["can-i", .. c.Args.Split(' '), "--from", ConformanceFixture.Path]);

        Assert.Equal(c.Allowed, engine.Allowed);
        Assert.True(r.ExitCode == (c.Allowed ? 0 : 1), r.ToString());
        Assert.Equal(c.Allowed ? "yes\n" : "no\n", r.Out);
    }

    [Fact]
    public void Conformance_table_has_at_least_60_uniquely_named_cases()
    {
        Assert.Equal(Cases.Length, Cases.Select(c => c.Name).Distinct().Count());
        Assert.True(Cases.Length >= 60, $"{Cases.Length} cases");
    }

    [Fact]
    public void Every_case_parses_to_the_request_and_user_it_declares()
    {
        // The CLI's translation of the arguments is what the table claims: same request, same impersonated user.
        foreach (var c in Cases)
        {
            var args = c.Args.Split(' ');
            string? Value(string name)
            {
                var i = Array.IndexOf(args, name);
                return i >= 0 ? args[i + 1] : null;
            }

            var groups = args.Select((a, i) => (a, i)).Where(x => x.a == "--as-group").Select(x => args[x.i + 1]).ToList();
            var query = AccessQueryParser.Parse(args[0], args[1], Value("--subresource"), Value("-n"), args.Contains("-A"));
            Assert.True(c.Request == query.Request, $"{c.Name}: parsed {query.Request}, table says {c.Request}");
            Assert.Equal(c.User, Impersonation.User(Value("--as")!, groups));
        }
    }

    private static UserInfo U(string name) => UserInfo.Authenticated(name);

    private static UserInfo M(string name, string group) => new(name, [group, UserInfo.AuthenticatedGroup]);

    private static AuthorizationRequest R(string verb, string group, string resource, string ns = "", string name = "", string sub = "") =>
        AuthorizationRequest.ForResource(verb, group, resource, ns, name, sub);

    private static AuthorizationRequest N(string verb, string path) => AuthorizationRequest.ForNonResource(verb, path);

    private sealed record CanICase(string Name, string Args, bool Allowed, UserInfo User, AuthorizationRequest Request);
}
