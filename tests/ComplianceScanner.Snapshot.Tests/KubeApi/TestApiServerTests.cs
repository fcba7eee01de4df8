using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ComplianceScanner.TestSupport.KubeApi;

namespace ComplianceScanner.Snapshot.Tests.KubeApi;

/// <summary>The test API server speaks the protocol the way a real API server does, for the parts other tests lean on.</summary>
public sealed class TestApiServerTests
{
    [Fact]
    public async Task Discovery_lists_served_groups_and_resources_and_unserved_paths_are_404()
    {
        await using var server = await TestApiServer.StartAsync(ApiResource.Standard.Where(r => r.Group != "apps"));
        using var http = new HttpClient { BaseAddress = server.Url };

        var groups = await GetJsonAsync(http, "/apis");
        var names = groups["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("rbac.authorization.k8s.io", names);
        Assert.DoesNotContain("apps", names);
        var core = await GetJsonAsync(http, "/api/v1");
        Assert.Contains(core["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "secrets" && r["namespaced"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/apis/apps/v1/deployments")).StatusCode);
    }

    [Fact]
    public async Task A_forbidden_resource_answers_with_a_status_object_like_the_real_api_server()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Forbid("ingresses", "list");
        using var http = new HttpClient { BaseAddress = server.Url };

        var response = await http.GetAsync("/apis/networking.k8s.io/v1/ingresses");
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Forbidden", status["reason"]!.GetValue<string>());
        Assert.Equal(403, status["code"]!.GetValue<int>());
        Assert.Equal("ingresses", status["details"]!["kind"]!.GetValue<string>());
        Assert.Equal(
            "ingresses.networking.k8s.io is forbidden: User \"system:serviceaccount:compliance-scanner:scanner\" cannot list resource \"ingresses\" in API group \"networking.k8s.io\" at the cluster scope",
            status["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/apis/networking.k8s.io/v1/ingresses?watch=true&timeoutSeconds=1")).StatusCode);
    }

    [Fact]
    public async Task Objects_can_be_created_read_updated_with_optimistic_concurrency_and_deleted()
    {
        await using var server = await TestApiServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Url };
        const string Leases = "/apis/coordination.k8s.io/v1/namespaces/ops/leases";

        var created = await SendAsync(http, HttpMethod.Post, Leases, """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"leader"},"spec":{"holderIdentity":"a"}}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var rv = created.Body["metadata"]!["resourceVersion"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(http, HttpMethod.Post, Leases, """{"metadata":{"name":"leader"}}""")).Status);

        var stale = await SendAsync(http, HttpMethod.Put, Leases + "/leader", """{"metadata":{"name":"leader","namespace":"ops","resourceVersion":"1"},"spec":{"holderIdentity":"b"}}""");
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        var updated = await SendAsync(http, HttpMethod.Put, Leases + "/leader", $$$"""{"metadata":{"name":"leader","namespace":"ops","resourceVersion":"{{{rv}}}"},"spec":{"holderIdentity":"b"}}""");
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("b", (await GetJsonAsync(http, Leases + "/leader"))["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.Equal("b", server.Get("leases", "ops", "leader")!["spec"]!["holderIdentity"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Delete, Leases + "/leader", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Leases + "/leader")).StatusCode);
    }

    [Fact]
    public async Task A_namespaced_list_path_returns_only_that_namespace_and_metadata_lists_drop_everything_but_metadata()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Add(KubeFixtures.Secret("a", "one"));
        server.Add(KubeFixtures.Secret("b", "two"));
        using var http = new HttpClient { BaseAddress = server.Url };

        var full = await GetJsonAsync(http, "/api/v1/namespaces/a/secrets");
        Assert.Equal("one", Assert.Single(full["items"]!.AsArray())!["metadata"]!["name"]!.GetValue<string>());
        Assert.NotNull(full["items"]![0]!["data"]);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/secrets");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1");
        var partial = JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;
        Assert.Equal("PartialObjectMetadataList", partial["kind"]!.GetValue<string>());
        Assert.All(partial["items"]!.AsArray(), i => Assert.Equal(["kind", "apiVersion", "metadata"], i!.AsObject().Select(p => p.Key)));
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient http, string path) =>
        JsonNode.Parse(await http.GetStringAsync(path)) ?? throw new InvalidOperationException("empty body");

    private static async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpClient http, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
