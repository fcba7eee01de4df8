using System.Collections.Immutable;
using ComplianceScanner.Core.Permissions;

namespace ComplianceScanner.Core.Duties;

/// <summary>A duty an escalation path reaches, in a scope the subject neither holds it in nor is allowed it.</summary>
/// <param name="Duty">The duty.</param>
/// <param name="Namespace">Where it is reached; null for cluster-wide.</param>
/// <param name="Grants">The target's grants that hold it (empty when the path reaches any permission: bind, escalate, system:masters).</param>
public sealed record EscalatedDuty(string Duty, string? Namespace, ImmutableArray<Grant> Grants)
{
    /// <summary><c>cluster-wide</c> or <c>namespace shop</c>.</summary>
    public string Scope => Namespace is null ? "cluster-wide" : $"namespace {Namespace}";
}
