namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>An HTTPRoute.</summary>
internal sealed class HttpRouteResource : GatewayApiResource<RouteSpec>;
