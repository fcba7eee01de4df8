using System.Collections.Immutable;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Findings;

/// <summary>
/// One result of one rule: flat and self-contained, so summaries and diffs derive from a list of them.
/// </summary>
public sealed record Finding
{
    public required string RuleId { get; init; }

    public required string Title { get; init; }

    public required Severity Severity { get; init; }

    /// <summary>The layer whose boundary is protected (cluster, security, namespace).</summary>
    public required string Layer { get; init; }

    /// <summary>What is wrong, naming the object and the crossed boundary.</summary>
    public required string Message { get; init; }

    public required string Remediation { get; init; }

    /// <summary>The object the finding is about (an Ingress, a binding, a role).</summary>
    public ObjectReference? Object { get; init; }

    /// <summary>The RBAC subject the finding is about, when there is one.</summary>
    public Subject? Subject { get; init; }

    /// <summary>Namespace the finding belongs to, for per-team views; null for cluster-wide findings.</summary>
    public string? Namespace { get; init; }

    /// <summary>The owning team, when the namespace belongs to one.</summary>
    public string? Team { get; init; }

    public ImmutableArray<Evidence> Evidence { get; init; } = [];

    /// <summary>Where the object was read from (file and line), when known.</summary>
    public SourceLocation? Source { get; init; }

    /// <summary>The part of the evidence that makes the finding distinct, e.g. the host or annotation; part of the fingerprint.</summary>
    public string Key { get; init; } = string.Empty;

    public FindingState State { get; init; } = FindingState.Open;

    public AppliedException? Exception { get; init; }

    /// <summary>Stable id: the same rule, object, subject and key give the same fingerprint in every scan.</summary>
    /// <remarks>Computed once per finding (a SHA-256) and reused: the evaluator, report and diff all read it.</remarks>
    public string Fingerprint => fingerprint.Get(this);

    // Excluded from value equality (see FingerprintCache); shared by `with` copies, which it detects.
    private readonly FingerprintCache fingerprint = new();
}
