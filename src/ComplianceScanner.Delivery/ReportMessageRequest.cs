using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Reporting;

namespace ComplianceScanner.Delivery;

/// <summary>Everything one message is made of: the schedule, the audience, its part of the report and what changed since its last report.</summary>
/// <param name="Schedule">The schedule it is sent for.</param>
/// <param name="Target">The audience.</param>
/// <param name="ScanId">The scan in the history store (for links to the agent's API).</param>
/// <param name="Report">The audience's report (already cut down to a team's namespaces).</param>
/// <param name="Changes">What changed for the audience since its last report (or the previous scan); null when nothing to compare.</param>
/// <param name="Since">When the scan of the audience's last report finished; null when <paramref name="Changes"/> is against the previous scan.</param>
/// <param name="WindowStart">The schedule's window.</param>
/// <param name="MessageId">The Message-ID, without angle brackets.</param>
/// <param name="Now">The Date header.</param>
public sealed record ReportMessageRequest(
    ReportSchedule Schedule,
    ReportAudienceTarget Target,
    long ScanId,
    ScanReport Report,
    ReportDrift? Changes,
    DateTimeOffset? Since,
    DateTimeOffset WindowStart,
    string MessageId,
    DateTimeOffset Now);
