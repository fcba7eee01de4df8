using System.Collections.Immutable;

namespace ComplianceScanner.History.Deliveries;

/// <summary>A delivery to claim: its key (schedule, audience, window), its Message-ID, and the rendered message.</summary>
public sealed record NewReportDelivery(
    string Schedule,
    string Audience,
    DateTimeOffset WindowStart,
    string MessageId,
    long ScanId,
    ImmutableArray<string> Recipients,
    ImmutableArray<byte> Message);
