namespace ComplianceScanner.Alerting;

/// <summary>What one delivery run did for one sink.</summary>
/// <param name="Sink">The sink's name.</param>
/// <param name="Messages">HTTP messages the receiver accepted in this run.</param>
/// <param name="Alerts">Outbox rows those messages carried.</param>
/// <param name="Pending">Rows still waiting after the run.</param>
/// <param name="Error">The last failure of the run, redacted (no URL path, query or token); null when none.</param>
/// <param name="RateLimited">True when the run stopped because the sink's rate limit was reached.</param>
public sealed record SinkDeliveryResult(string Sink, int Messages, int Alerts, int Pending, string? Error, bool RateLimited);
