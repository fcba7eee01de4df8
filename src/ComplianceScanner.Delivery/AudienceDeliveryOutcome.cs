namespace ComplianceScanner.Delivery;

/// <summary>What happened to one audience's message in a run.</summary>
public enum AudienceDeliveryOutcome
{
    /// <summary>The server accepted it in this run.</summary>
    Sent,

    /// <summary>It was sent (or skipped) for this window before: nothing was sent again.</summary>
    AlreadyDelivered,

    /// <summary>Another sender holds it, or it waits for its next attempt: nothing was sent now.</summary>
    Pending,

    /// <summary>Nothing changed for the audience and the schedule skips unchanged reports.</summary>
    Skipped,

    /// <summary>Sending failed; it stays pending and is retried with backoff.</summary>
    Failed,
}
