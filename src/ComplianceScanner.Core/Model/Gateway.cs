using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>A gateway.networking.k8s.io Gateway: a load balancer of a GatewayClass, with listeners Routes attach to.</summary>
public sealed record Gateway : KubeObject
{
    public override string Kind => "Gateway";

    public string? GatewayClassName { get; init; }

    public ImmutableArray<GatewayListener> Listeners { get; init; } = [];
}
