namespace ComplianceScanner.History.Outbox;

/// <summary>An alert to put in the outbox: for one sink, about one finding transition of one scan.</summary>
/// <param name="IdempotencyKey">Unique per (sink, fingerprint, transition, scan); enqueueing the same key again is a no-op.</param>
/// <param name="Sink">The sink's name.</param>
/// <param name="Fingerprint">The finding's fingerprint.</param>
/// <param name="Transition">new, reopened, open, resolved or excepted.</param>
/// <param name="Payload">What the sender needs to build the message (JSON); opaque to the store.</param>
public sealed record OutboxItem(string IdempotencyKey, string Sink, string Fingerprint, string Transition, string Payload);
