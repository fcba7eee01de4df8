namespace ComplianceScanner.Snapshot.Mapping.GatewayApi;

/// <summary>A ReferenceGrant.</summary>
internal sealed class ReferenceGrantResource : GatewayApiResource<ReferenceGrantSpec>;
