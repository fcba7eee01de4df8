namespace ComplianceScanner.Core.Layers;

/// <summary>
/// An approved exception: findings of <see cref="Rule"/> on <see cref="Object"/> (<c>namespace/name</c> or <c>name</c>, globs allowed)
/// or for <see cref="Subject"/> (<c>Kind:name</c>) are reported as excepted until <see cref="Expires"/> (inclusive).
/// </summary>
public sealed record ExceptionEntry
{
    public required string Rule { get; init; }

    public string? Object { get; init; }

    public string? Subject { get; init; }

    public required string Reason { get; init; }

    public required string ApprovedBy { get; init; }

    public required DateOnly Expires { get; init; }

    /// <summary>Line in scanner.yaml (or in <see cref="Source"/>), to point at the entry when it is stale or expired.</summary>
    public int Line { get; init; }

    /// <summary>Where the entry was declared when not in scanner.yaml, e.g. <c>ConfigMap security/compliancescanner-exceptions</c>.</summary>
    public string? Source { get; init; }

    public bool IsExpired(DateOnly today) => today > Expires;
}
