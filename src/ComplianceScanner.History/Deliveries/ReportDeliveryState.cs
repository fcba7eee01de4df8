namespace ComplianceScanner.History.Deliveries;

/// <summary>Where a scheduled report delivery stands.</summary>
public enum ReportDeliveryState
{
    /// <summary>Claimed and rendered; not yet accepted by the mail server (being sent, or waiting for a retry).</summary>
    Pending,

    /// <summary>The mail server accepted the message.</summary>
    Sent,

    /// <summary>Nothing changed for the audience and the schedule skips unchanged reports: no message for this window.</summary>
    Skipped,
}
