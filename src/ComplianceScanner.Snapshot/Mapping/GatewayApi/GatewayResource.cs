namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>A Gateway.</summary>
internal sealed class GatewayResource : GatewayApiResource<GatewaySpec>;
