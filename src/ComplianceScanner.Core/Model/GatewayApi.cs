namespace ComplianceScanner.Core.Model;

/// <summary>Facts of the Gateway API (gateway.networking.k8s.io) the scanner relies on.</summary>
public static class GatewayApi
{
    public const string Group = "gateway.networking.k8s.io";

    /// <summary>The namespace label the API server sets on every namespace; the only label nobody but the name can change.</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary><c>allowedRoutes.namespaces.from</c> values.</summary>
    public const string FromSame = "Same";

    public const string FromAll = "All";

    public const string FromSelector = "Selector";

    public const string HttpRouteKind = "HTTPRoute";

    public const string GrpcRouteKind = "GRPCRoute";
}
