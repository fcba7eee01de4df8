using System.Text.Json.Nodes;
using ComplianceScanner.Snapshot.Live.PolicyReports;
using ComplianceScanner.TestSupport.KubeApi;

namespace ComplianceScanner.Snapshot.Tests.Live.PolicyReports;

public sealed class PolicyReportPublisherTests
{
    private static readonly ApiResource[] Resources =
    [
        .. ApiResource.Standard,
        new("wgpolicyk8s.io", "v1alpha2", "policyreports", "PolicyReport", true),
        new("wgpolicyk8s.io", "v1alpha2", "clusterpolicyreports", "ClusterPolicyReport", false),
    ];

    [Fact]
    public async Task First_publish_creates_every_object()
    {
        await using var server = await TestApiServer.StartAsync(Resources);
        var publisher = new PolicyReportPublisher(LiveTestClient.For(server));

        var result = await publisher.PublishAsync([Cluster(fail: 2), Namespaced("shop", "compliance-scanner", fail: 1)], LiveTestClient.Timeout());

        Assert.Equal(new PolicyReportPublication(2, 0, 0), result);
        Assert.Equal(2, (int)server.Get("clusterpolicyreports", null, "compliance-scanner")!["summary"]!["fail"]!);
        Assert.Equal(1, (int)server.Get("policyreports", "shop", "compliance-scanner")!["summary"]!["fail"]!);
    }

    [Fact]
    public async Task Next_publish_replaces_ours_deletes_our_stale_parts_and_leaves_other_objects_alone()
    {
        await using var server = await TestApiServer.StartAsync(Resources);
        var publisher = new PolicyReportPublisher(LiveTestClient.For(server));
        await publisher.PublishAsync(
            [Cluster(fail: 2), Namespaced("shop", "compliance-scanner-1", fail: 5), Namespaced("shop", "compliance-scanner-2", fail: 5), Namespaced("gone", "compliance-scanner", fail: 1)],
            LiveTestClient.Timeout());
        server.Add(Namespaced("shop", "kyverno-report", fail: 3, managedBy: "kyverno"));

        var result = await publisher.PublishAsync([Cluster(fail: 0), Namespaced("shop", "compliance-scanner", fail: 4)], LiveTestClient.Timeout());

        Assert.Equal(new PolicyReportPublication(1, 1, 3), result);
        Assert.Equal(0, (int)server.Get("clusterpolicyreports", null, "compliance-scanner")!["summary"]!["fail"]!);
        Assert.Equal(4, (int)server.Get("policyreports", "shop", "compliance-scanner")!["summary"]!["fail"]!);
        Assert.Null(server.Get("policyreports", "shop", "compliance-scanner-1"));
        Assert.Null(server.Get("policyreports", "shop", "compliance-scanner-2"));
        Assert.Null(server.Get("policyreports", "gone", "compliance-scanner"));
        Assert.NotNull(server.Get("policyreports", "shop", "kyverno-report"));
    }

    [Fact]
    public async Task An_object_of_the_same_name_written_by_someone_else_is_not_overwritten()
    {
        await using var server = await TestApiServer.StartAsync(Resources);
        server.Add(Namespaced("shop", "compliance-scanner", fail: 9, managedBy: "someone-else"));
        var publisher = new PolicyReportPublisher(LiveTestClient.For(server));

        var error = await Assert.ThrowsAsync<PolicyReportPublishException>(() => publisher.PublishAsync([Namespaced("shop", "compliance-scanner", fail: 1)], LiveTestClient.Timeout()));

        Assert.Contains("policyreports.wgpolicyk8s.io shop/compliance-scanner exists and was not written by compliance-scanner", error.Message, StringComparison.Ordinal);
        Assert.Equal(9, (int)server.Get("policyreports", "shop", "compliance-scanner")!["summary"]!["fail"]!);
    }

    [Fact]
    public async Task Forbidden_create_names_the_object_and_the_permission_needed()
    {
        await using var server = await TestApiServer.StartAsync(Resources);
        server.Forbid("policyreports", "create");
        var publisher = new PolicyReportPublisher(LiveTestClient.For(server));

        var error = await Assert.ThrowsAsync<PolicyReportPublishException>(() => publisher.PublishAsync([Namespaced("shop", "compliance-scanner", fail: 1)], LiveTestClient.Timeout()));

        Assert.Contains("cannot create policyreports.wgpolicyk8s.io shop/compliance-scanner: 403", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs 'create' on policyreports.wgpolicyk8s.io in namespace shop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Something_that_is_not_a_policy_report_is_refused_before_any_request()
    {
        await using var server = await TestApiServer.StartAsync(Resources);
        var publisher = new PolicyReportPublisher(LiveTestClient.For(server));

        await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync(["""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"shop"}}"""], LiveTestClient.Timeout()));
        Assert.Empty(server.Requests);
    }

    private static string Cluster(int fail) => Report("ClusterPolicyReport", null, "compliance-scanner", fail, PolicyReportPublisher.ManagedBy);

    private static string Namespaced(string ns, string name, int fail, string managedBy = PolicyReportPublisher.ManagedBy) =>
        Report("PolicyReport", ns, name, fail, managedBy);

    private static string Report(string kind, string? ns, string name, int fail, string managedBy)
    {
        var metadata = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { [PolicyReportPublisher.ManagedByLabel] = managedBy } };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject
        {
            ["apiVersion"] = "wgpolicyk8s.io/v1alpha2",
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["summary"] = new JsonObject { ["pass"] = 0, ["fail"] = fail, ["warn"] = 0, ["error"] = 0, ["skip"] = 0 },
            ["results"] = new JsonArray(),
        }.ToJsonString();
    }
}
