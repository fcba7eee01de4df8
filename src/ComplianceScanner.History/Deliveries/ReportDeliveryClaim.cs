namespace ComplianceScanner.History.Deliveries;

/// <summary>
/// The result of claiming a delivery: the row, and whether this caller now holds it and must send it. A caller that
/// does not hold it must not send: the row is sent, skipped, waiting for its next attempt, or held by another sender.
/// </summary>
public sealed record ReportDeliveryClaim(ReportDelivery Delivery, bool Claimed, bool Inserted);
