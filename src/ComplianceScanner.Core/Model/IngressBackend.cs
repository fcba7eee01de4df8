namespace ComplianceScanner.Core.Model;

/// <summary>A backend: a Service and port (by name or number), or a typed resource reference.</summary>
public sealed record IngressBackend
{
    public string? ServiceName { get; init; }

    public string? ServicePortName { get; init; }

    public int? ServicePortNumber { get; init; }

    /// <summary>Kind of a resource backend (<c>spec.backend.resource</c>), when that form is used.</summary>
    public string? ResourceKind { get; init; }

    public string? ResourceName { get; init; }

    public string? ResourceApiGroup { get; init; }

    public string Describe() => ServiceName is not null
        ? $"service {ServiceName}:{(ServicePortNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ServicePortName ?? "?")}"
        : $"resource {ResourceKind}/{ResourceName}";
}
