namespace ComplianceScanner.Core.Model;

/// <summary>One HTTP path of an Ingress rule.</summary>
public sealed record IngressPath(string? Path, string? PathType, IngressBackend Backend);
