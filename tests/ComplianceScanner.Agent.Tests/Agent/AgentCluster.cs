using ComplianceScanner.TestSupport.KubeApi;

namespace ComplianceScanner.Agent.Tests.Agent;

/// <summary>A small cluster on the test API server and the layer model the agent judges it against.</summary>
internal static class AgentCluster
{
    /// <summary>Team web owns namespace web and may edit its routes; nobody else is declared.</summary>
    public const string Layers = """
        cluster: {name: live}
        layers:
          namespace:
            teams:
            - {name: web, subjects: [{kind: Group, name: team-web}], namespaces: [web], hosts: [web.example.com], duties: [route-editing]}

        """;

    /// <summary><see cref="Layers"/> with a short quiet period and no scheduled scans, for watch-driven tests.</summary>
    public const string Watching = Layers + """
        agent: {quietPeriod: 500ms, maxDelay: 20s}
        schedule: {scan: ~}

        """;

    /// <summary>The standard kinds plus the wgpolicyk8s.io PolicyReport kinds, as a cluster with the policy-report CRDs serves them.</summary>
    public static readonly ApiResource[] WithPolicyReports =
    [
        .. ApiResource.Standard,
        new("wgpolicyk8s.io", "v1alpha2", "policyreports", "PolicyReport", true),
        new("wgpolicyk8s.io", "v1alpha2", "clusterpolicyreports", "ClusterPolicyReport", false),
    ];

    public static async Task<TestApiServer> StartAsync(IEnumerable<ApiResource>? resources = null)
    {
        var server = await TestApiServer.StartAsync(resources);
        server.Add(KubeFixtures.Namespace("web"));
        server.Add(KubeFixtures.IngressClass("nginx", isDefault: true));
        server.Add(KubeFixtures.Service("web", "web"));
        server.Add(KubeFixtures.Ingress("web", "web", "web.example.com", className: "nginx", tlsSecret: "web-tls"));
        server.Add(KubeFixtures.Secret("web", "web-tls", "kubernetes.io/tls"));
        server.Add(KubeFixtures.ClusterRole("ingress-editor", ["networking.k8s.io"], ["ingresses"], ["get", "list", "watch", "create", "update", "patch", "delete"]));
        server.Add(KubeFixtures.RoleBinding("web", "web-editors", "ingress-editor", "team-web"));
        return server;
    }

    /// <summary>Grants route editing in namespace web to a user no layer declares.</summary>
    public static void GrantOutsider(TestApiServer server, string user, string bindingName) =>
        server.Add(KubeFixtures.RoleBinding("web", bindingName, "ingress-editor", user, subjectKind: "User"));
}
