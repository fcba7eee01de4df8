using System.Text.Json.Nodes;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Snapshot.Live;
using ComplianceScanner.TestSupport.KubeApi;

namespace ComplianceScanner.Snapshot.Tests.Live;

/// <summary>The Gateway API kinds over the real list protocol: read when served, skipped (not missing) when the CRDs are absent.</summary>
public sealed class GatewayApiLiveTests
{
    [Fact]
    public async Task Served_gateway_api_kinds_are_listed_and_mapped()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Add(Obj("GatewayClass", null, "shared", new JsonObject { ["controllerName"] = "example.net/gateway" }));
        server.Add(Obj("Gateway", "infra", "edge", JsonNode.Parse("""
            {"gatewayClassName": "shared", "listeners": [{"name": "web", "port": 443, "protocol": "HTTPS", "hostname": "*.shop.example.com",
              "allowedRoutes": {"namespaces": {"from": "All"}}, "tls": {"certificateRefs": [{"name": "cert"}]}}]}
            """)!.AsObject()));
        server.Add(Obj("HTTPRoute", "shop", "web", JsonNode.Parse("""
            {"parentRefs": [{"name": "edge", "namespace": "infra"}], "hostnames": ["www.shop.example.com"],
             "rules": [{"backendRefs": [{"name": "web", "port": 80}]}]}
            """)!.AsObject()));
        server.Add(Obj("GRPCRoute", "shop", "rpc", JsonNode.Parse("""{"rules": [{"backendRefs": [{"name": "rpc", "port": 9000}]}]}""")!.AsObject()));
        server.Add(Obj(
            "ReferenceGrant",
            "certs",
            "edge-certs",
            JsonNode.Parse("""{"from": [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "namespace": "infra"}], "to": [{"group": "", "kind": "Secret"}]}""")!.AsObject(),
            "gateway.networking.k8s.io/v1beta1"));
        using var client = LiveTestClient.For(server);
        using var source = new LiveSnapshotSource(client);

        var result = await source.ReadAsync(LiveTestClient.Timeout());

        var s = result.Snapshot;
        Assert.True(s.IsComplete, string.Join("; ", s.Missing));
        Assert.Empty(result.NotServed);
        Assert.Equal("example.net/gateway", Assert.Single(s.GatewayClasses).ControllerName);
        var gw = Assert.Single(s.Gateways);
        Assert.Equal("k8s://Gateway/infra/edge", gw.Metadata.Source.File);
        Assert.Equal(GatewayApi.FromAll, gw.Listeners[0].NamespacesFrom);
        Assert.Equal("Secret", gw.Listeners[0].CertificateRefs[0].Kind);
        Assert.Equal([GatewayApi.GrpcRouteKind, GatewayApi.HttpRouteKind], s.GatewayRoutes.Select(r => r.Kind).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("edge", s.GatewayRoutes.Single(r => r.Kind == GatewayApi.HttpRouteKind).ParentRefs[0].Name);
        Assert.Null(Assert.Single(Assert.Single(s.ReferenceGrants).To).Name);
    }

    [Fact]
    public async Task Without_the_gateway_api_crds_the_kinds_are_not_served_and_the_scan_stays_complete()
    {
        await using var server = await TestApiServer.StartAsync(ApiResource.Standard.Where(r => r.Group != KnownLiveKinds.Gateway));
        using var client = LiveTestClient.For(server);
        using var source = new LiveSnapshotSource(client);

        var result = await source.ReadAsync(LiveTestClient.Timeout());

        Assert.True(result.Snapshot.IsComplete);
        Assert.Equal(
            ["gatewayclasses.gateway.networking.k8s.io", "gateways.gateway.networking.k8s.io", "grpcroutes.gateway.networking.k8s.io", "httproutes.gateway.networking.k8s.io", "referencegrants.gateway.networking.k8s.io"],
            result.NotServed.Order(StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain(server.Requests, r => r.Path.Contains("/apis/gateway.networking.k8s.io/v1/", StringComparison.Ordinal));
    }

    private static JsonObject Obj(string kind, string? ns, string name, JsonObject spec, string apiVersion = "gateway.networking.k8s.io/v1")
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            meta["namespace"] = ns;
        }

        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = meta, ["spec"] = spec };
    }
}
