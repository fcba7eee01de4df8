using ComplianceScanner.Core.Model;
using ComplianceScanner.Snapshot.Manifests;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Snapshot.Tests.Mapping;

/// <summary>Gateway API kinds from manifests: the API's defaults applied, every reference with its path, corpus examples clean.</summary>
public sealed class GatewayApiMapperTests
{
    private const string Manifest = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: shared}
        spec: {controllerName: example.net/gateway-controller}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: infra}
        spec:
          gatewayClassName: shared
          listeners:
          - name: http
            port: 80
            protocol: HTTP
          - name: https
            port: 443
            protocol: HTTPS
            hostname: "*.shop.example.com"
            allowedRoutes:
              namespaces:
                from: Selector
                selector: {matchLabels: {team: shop}}
              kinds: [{kind: HTTPRoute}]
            tls:
              certificateRefs:
              - {name: shop-cert, namespace: certs}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs: [{name: edge, namespace: infra, sectionName: https}]
          hostnames: [www.shop.example.com]
          rules:
          - matches: [{path: {type: PathPrefix, value: /}}]
            filters:
            - type: RequestMirror
              requestMirror: {backendRef: {name: shadow, namespace: audit, port: 80}}
            backendRefs:
            - {name: web, port: 8080, weight: 90}
            - name: legacy
              namespace: legacy
              port: 80
              filters: [{type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: x, value: y}]}}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: rpc, namespace: shop}
        spec:
          parentRefs: [{name: edge, namespace: infra}]
          rules: [{backendRefs: [{name: rpc, port: 9000}]}]
        ---
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata: {name: shop-to-legacy, namespace: legacy}
        spec:
          from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
          to: [{group: "", kind: Service, name: legacy}]
        """;

    [Fact]
    public void Gateway_api_objects_map_with_the_api_defaults_and_reference_paths()
    {
        var result = new ManifestLoader().LoadText(Manifest, "gw.yaml");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        var s = result.Snapshot;
        Assert.Equal("example.net/gateway-controller", Assert.Single(s.GatewayClasses).ControllerName);

        var gw = Assert.Single(s.Gateways);
        Assert.Equal("infra/edge", gw.Metadata.QualifiedName);
        Assert.Equal("shared", gw.GatewayClassName);
        Assert.Equal(GatewayApi.FromSame, gw.Listeners[0].NamespacesFrom);
        Assert.Null(gw.Listeners[0].Hostname);
        var https = gw.Listeners[1];
        Assert.Equal((1, "*.shop.example.com", GatewayApi.FromSelector), (https.Index, https.Hostname, https.NamespacesFrom));
        Assert.Equal("shop", https.NamespaceSelector!.MatchLabels["team"]);
        Assert.Equal(["HTTPRoute"], https.AllowedKinds.ToArray());
        var cert = Assert.Single(https.CertificateRefs);
        Assert.Equal(new GatewayReference("spec.listeners[1].tls.certificateRefs[0]", "", "Secret", "shop-cert", "certs"), cert);

        var http = s.GatewayRoutes.Single(r => r.Kind == GatewayApi.HttpRouteKind);
        Assert.Equal(["www.shop.example.com"], http.Hostnames.ToArray());
        Assert.Equal(new GatewayReference("spec.parentRefs[0]", GatewayApi.Group, "Gateway", "edge", "infra", "https"), Assert.Single(http.ParentRefs));
        Assert.Equal(
            ["spec.rules[0].backendRefs[0] Service/shop/web", "spec.rules[0].backendRefs[1] Service/legacy/legacy", "spec.rules[0].filters[0].requestMirror.backendRef Service/audit/shadow"],
            http.BackendRefs.Select(b => $"{b.Path} {b.Describe("shop")}").ToArray());
        Assert.True(http.BackendRefs[1].IsCrossNamespace("shop"));
        Assert.False(http.BackendRefs[0].IsCrossNamespace("shop"));

        var grpc = s.GatewayRoutes.Single(r => r.Kind == GatewayApi.GrpcRouteKind);
        Assert.Equal("shop/rpc", grpc.Metadata.QualifiedName);
        Assert.Single(grpc.BackendRefs);

        var grant = Assert.Single(s.ReferenceGrants);
        Assert.True(grant.Allows(GatewayApi.Group, "HTTPRoute", "shop", "", "Service", "legacy"));
        Assert.False(grant.Allows(GatewayApi.Group, "HTTPRoute", "shop", "", "Service", "other"));
        Assert.False(grant.Allows(GatewayApi.Group, "GRPCRoute", "shop", "", "Service", "legacy"));
        Assert.Equal(1, s.CountsByKind()["Gateway"]);
    }

    [Fact]
    public void A_listener_field_of_the_wrong_type_is_an_error_naming_the_field_and_line()
    {
        var result = new ManifestLoader().LoadText(
            "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g, namespace: n}\nspec:\n  listeners:\n  - name: a\n    port: eighty\n",
            "bad.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(7, error.Line);
        Assert.Contains("spec.listeners[0].port", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Snapshot.Gateways);
    }

    [SkippableFact]
    public void Every_gateway_api_example_of_the_corpus_loads_without_errors_or_unknown_fields()
    {
        var dir = Path.Combine(SharedCorpus.RequirePath(), "gateway-api", "examples", "standard");
        var loader = new ManifestLoader();
        var (gateways, http, grpc, classes, grants) = (0, 0, 0, 0, 0);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);

        // One file at a time: the examples reuse names across files (a joint load warns about the duplicates, rightly).
        foreach (var file in Directory.GetFiles(dir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var result = loader.Load([file]);
            Assert.True(result.Errors.IsEmpty && result.Warnings.IsEmpty, string.Join("\n", result.Errors.Select(e => e.ToString()).Concat(result.Warnings.Select(w => w.ToString()))));
            var s = result.Snapshot;
            gateways += s.Gateways.Length;
            http += s.GatewayRoutes.Count(r => r.Kind == GatewayApi.HttpRouteKind);
            grpc += s.GatewayRoutes.Count(r => r.Kind == GatewayApi.GrpcRouteKind);
            classes += s.GatewayClasses.Length;
            grants += s.ReferenceGrants.Length;
            unknown.UnionWith(s.UnknownKinds.Keys);
        }

        Assert.Equal((24, 48, 7, 4, 3), (gateways, http, grpc, classes, grants));

        // TCPRoute, UDPRoute, TLSRoute, ListenerSet and BackendTLSPolicy are not read: counted as unknown, never dropped silently.
        Assert.Equal(["gateway.networking.k8s.io/v1/BackendTLSPolicy", "gateway.networking.k8s.io/v1/ListenerSet", "gateway.networking.k8s.io/v1/TCPRoute", "gateway.networking.k8s.io/v1/TLSRoute", "gateway.networking.k8s.io/v1/UDPRoute"], unknown.Where(k => k.StartsWith("gateway.", StringComparison.Ordinal)));
    }
}
