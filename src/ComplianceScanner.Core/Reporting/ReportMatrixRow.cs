using System.Collections.Immutable;

namespace ComplianceScanner.Core.Reporting;

/// <summary>One row of the "who can do what" matrix: a subject, its declared place, and each duty it holds with the scopes.</summary>
public sealed record ReportMatrixRow
{
    /// <summary><c>Kind:name</c> or <c>ServiceAccount:ns/name</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>cluster, security, namespace or undeclared.</summary>
    public required string Layer { get; init; }

    public string? Team { get; init; }

    /// <summary>A Kubernetes built-in or vendor identity (shown, not counted).</summary>
    public bool Builtin { get; init; }

    /// <summary>True when every duty it holds is allowed where it holds it.</summary>
    public bool Compliant { get; init; }

    public ImmutableArray<ReportMatrixCell> Duties { get; init; } = [];
}
