using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>An HTTPRoute or GRPCRoute: hostnames it claims, the Gateways it attaches to, and the backends it sends to.</summary>
public sealed record GatewayRoute : KubeObject
{
    private readonly string kind = GatewayApi.HttpRouteKind;

    public override string Kind => kind;

    /// <summary>Sets the route kind (HTTPRoute or GRPCRoute).</summary>
    public string RouteKind { get => kind; init => kind = value; }

    /// <summary><c>spec.hostnames</c>; empty means the listener's hostnames (every host when the listener has none).</summary>
    public ImmutableArray<string> Hostnames { get; init; } = [];

    /// <summary><c>spec.parentRefs</c> (group and kind default to the Gateway API's Gateway).</summary>
    public ImmutableArray<GatewayReference> ParentRefs { get; init; } = [];

    /// <summary>
    /// Every backend reference: <c>rules[].backendRefs</c> and the backends of request-mirror filters (rule and backend level);
    /// group defaults to core and kind to Service.
    /// </summary>
    public ImmutableArray<GatewayReference> BackendRefs { get; init; } = [];
}
