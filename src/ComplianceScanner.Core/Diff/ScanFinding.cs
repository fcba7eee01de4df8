using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Diff;

/// <summary>
/// A finding as history keeps it for one scan: what identifies it and what a person needs to recognise it, without
/// the evidence (which the full report has).
/// </summary>
public sealed record ScanFinding
{
    public required string Fingerprint { get; init; }

    public required string RuleId { get; init; }

    public required string Title { get; init; }

    public required Severity Severity { get; init; }

    public required FindingState State { get; init; }

    public string Layer { get; init; } = string.Empty;

    public ObjectReference? Object { get; init; }

    public Subject? Subject { get; init; }

    public string Key { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    /// <summary>The exception covering it, when <see cref="State"/> is excepted.</summary>
    public AppliedException? Exception { get; init; }

    public static ScanFinding From(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new ScanFinding
        {
            Fingerprint = finding.Fingerprint,
            RuleId = finding.RuleId,
            Title = finding.Title,
            Severity = finding.Severity,
            State = finding.State,
            Layer = finding.Layer,
            Object = finding.Object,
            Subject = finding.Subject,
            Key = finding.Key,
            Message = finding.Message,
            Exception = finding.Exception,
        };
    }
}
