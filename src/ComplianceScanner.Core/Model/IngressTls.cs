using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>One entry of <c>spec.tls</c>.</summary>
public sealed record IngressTls(ImmutableArray<string> Hosts, string? SecretName);
