using System.Collections.Immutable;

namespace ComplianceScanner.Delivery;

/// <summary>The result of one run of a schedule: the scan reported and each audience's outcome.</summary>
public sealed record ReportDeliveryResult(string Schedule, DateTimeOffset WindowStart, long? ScanId, ImmutableArray<AudienceDeliveryResult> Audiences)
{
    /// <summary>True when no audience failed.</summary>
    public bool Succeeded => Audiences.All(a => a.Outcome != AudienceDeliveryOutcome.Failed);
}
