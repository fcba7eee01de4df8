using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>A listener of a Gateway: what it serves, and which namespaces may attach Routes to it.</summary>
public sealed record GatewayListener
{
    public required string Name { get; init; }

    /// <summary>Index in <c>spec.listeners</c>, for evidence paths.</summary>
    public int Index { get; init; }

    /// <summary><c>hostname</c>; null means every host (the Routes decide).</summary>
    public string? Hostname { get; init; }

    public int Port { get; init; }

    public string Protocol { get; init; } = string.Empty;

    /// <summary><c>allowedRoutes.namespaces.from</c>: Same (the default), All or Selector.</summary>
    public string NamespacesFrom { get; init; } = GatewayApi.FromSame;

    /// <summary><c>allowedRoutes.namespaces.selector</c>, used when <see cref="NamespacesFrom"/> is Selector.</summary>
    public LabelSelector? NamespaceSelector { get; init; }

    /// <summary><c>allowedRoutes.kinds[].kind</c>; empty means the kinds the protocol implies.</summary>
    public ImmutableArray<string> AllowedKinds { get; init; } = [];

    /// <summary><c>tls.certificateRefs</c>.</summary>
    public ImmutableArray<GatewayReference> CertificateRefs { get; init; } = [];

    /// <summary>Evidence path of the listener, e.g. <c>spec.listeners[0]</c>.</summary>
    public string Path => $"spec.listeners[{Index}]";
}
