namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>A GRPCRoute (the fields the scanner reads are those of an HTTPRoute).</summary>
internal sealed class GrpcRouteResource : GatewayApiResource<RouteSpec>;
