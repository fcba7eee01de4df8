namespace ComplianceScanner.Core.Model;

/// <summary>One port of a Service.</summary>
public sealed record ServicePort(string? Name, int Port);
