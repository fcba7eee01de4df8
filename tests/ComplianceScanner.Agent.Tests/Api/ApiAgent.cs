using System.Net;
using System.Net.Http.Headers;
using ComplianceScanner.Agent.Tests.Agent;
using ComplianceScanner.TestSupport;
using ComplianceScanner.TestSupport.KubeApi;

namespace ComplianceScanner.Agent.Tests.Api;

/// <summary>An agent with a history store on the test cluster, its first scan recorded, for calling the HTTP API.</summary>
internal sealed class ApiAgent : IAsyncDisposable
{
    public const string Reader = "alice-token-0123456789";
    public const string Writer = "walter-token-0123456789";
    public const string Outsider = "mallory-token-0123456789";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private ApiAgent(TestApiServer server, TempDirectory dir, TestAgent agent)
    {
        Server = server;
        Dir = dir;
        Agent = agent;
    }

    public TestApiServer Server { get; }

    public TempDirectory Dir { get; }

    public TestAgent Agent { get; }

    public string StorePath => Path.Combine(Dir.Path, "scanner.db");

    /// <summary>
    /// Starts the cluster and an agent whose API reviews tokens with the cluster: alice may get, walter may get and
    /// create, mallory is authenticated but may do nothing. <paramref name="api"/> is the <c>agent.api</c> mapping.
    /// </summary>
    public static async Task<ApiAgent> StartAsync(string api = "{}", Action<TempDirectory>? prepare = null)
    {
        var server = await AgentCluster.StartAsync();
        server.AcceptToken(Reader, "alice", "auditors");
        server.AcceptToken(Writer, "walter");
        server.AcceptToken(Outsider, "mallory");
        server.AllowAccess("alice", "compliancescanner.io", "reports", "get");
        AgentCluster.GrantOutsider(server, "eve", "outsider-edits");
        server.AllowAccess("walter", "compliancescanner.io", "reports", "get", "create");
        var dir = new TempDirectory();
        prepare?.Invoke(dir);
        var config = AgentCluster.Layers + $"agent:\n  quietPeriod: 500ms\n  maxDelay: 20s\n  api: {api}\nschedule: {{scan: ~}}\n";
        var agent = await TestAgent.StartAsync(server, dir, config, storePath: Path.Combine(dir.Path, "scanner.db"));
        await agent.Scans.NextAsync(Bound, "first scan");
        return new ApiAgent(server, dir, agent);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, new Uri(Agent.Url, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Agent.Http.SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, string? token = Reader)
    {
        using var response = await SendAsync(HttpMethod.Get, path, token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        await Server.DisposeAsync();
        Dir.Dispose();
    }
}
