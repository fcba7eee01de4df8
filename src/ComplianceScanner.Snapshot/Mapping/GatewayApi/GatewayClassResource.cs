namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>A GatewayClass.</summary>
internal sealed class GatewayClassResource : GatewayApiResource<GatewayClassSpec>;
