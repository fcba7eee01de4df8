using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>One entry of <c>spec.rules</c>: an optional host and its HTTP paths.</summary>
public sealed record IngressRule(string? Host, ImmutableArray<IngressPath> Paths);
