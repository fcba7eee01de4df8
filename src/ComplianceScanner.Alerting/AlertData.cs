namespace ComplianceScanner.Alerting;

/// <summary>
/// One finding transition as a sink is told about it: what the templates see as each item of <c>alerts</c> (in
/// snake_case) and what the outbox keeps as the row's payload, so a delivery after a restart needs nothing else.
/// Times are RFC 3339 strings in UTC, as Alertmanager and most webhooks expect them.
/// </summary>
public sealed record AlertData
{
    /// <summary>new, reopened, open (still open, re-sent), resolved, or excepted (now covered by an exception).</summary>
    public required string Transition { get; init; }

    /// <summary>firing (new, reopened, open) or resolved (resolved, excepted).</summary>
    public required string Status { get; init; }

    public required string Fingerprint { get; init; }

    public required string RuleId { get; init; }

    public required string Title { get; init; }

    public required string Severity { get; init; }

    public string Layer { get; init; } = string.Empty;

    /// <summary>The object's namespace, else the subject's; empty for cluster-scoped findings.</summary>
    public string Namespace { get; init; } = string.Empty;

    public string Team { get; init; } = string.Empty;

    /// <summary>"Kind namespace/name" of the object the finding is about; empty when it is about a subject only.</summary>
    public string Object { get; init; } = string.Empty;

    public string Subject { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    public string Remediation { get; init; } = string.Empty;

    /// <summary>The rule's documentation page, relative to the repository's docs (e.g. docs/rules/SOD-ING-001.md).</summary>
    public string DocUrl { get; init; } = string.Empty;

    public required string Cluster { get; init; }

    public required long ScanId { get; init; }

    public required string ScanFinishedAt { get; init; }

    /// <summary>When the finding was first seen.</summary>
    public required string StartsAt { get; init; }

    /// <summary>Resolved: when the scan saw it gone. Firing Alertmanager alerts: when the alert expires unless re-sent. Otherwise empty.</summary>
    public string EndsAt { get; init; } = string.Empty;
}
