namespace ComplianceScanner.Core.Layers;

/// <summary>
/// At most <see cref="Messages"/> HTTP messages to one sink per <see cref="Per"/>. Messages over the limit wait in the
/// outbox for the next window; none is dropped.
/// </summary>
public sealed record AlertRateLimit(int Messages, TimeSpan Per);
