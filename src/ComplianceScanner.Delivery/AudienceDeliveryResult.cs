namespace ComplianceScanner.Delivery;

/// <summary>One audience's result of a run: the outcome, the Message-ID and, when it failed, why.</summary>
public sealed record AudienceDeliveryResult(string Audience, AudienceDeliveryOutcome Outcome, string MessageId, string? Error = null);
