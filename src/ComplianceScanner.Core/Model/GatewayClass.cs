namespace ComplianceScanner.Core.Model;

/// <summary>A gateway.networking.k8s.io GatewayClass: which controller implements the Gateways of this class.</summary>
public sealed record GatewayClass : KubeObject
{
    public override string Kind => "GatewayClass";

    /// <summary><c>spec.controllerName</c>, e.g. <c>example.net/gateway-controller</c>.</summary>
    public string? ControllerName { get; init; }
}
