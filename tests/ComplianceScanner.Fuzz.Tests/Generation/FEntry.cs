namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>One key and value of an <see cref="FMap"/>.</summary>
internal sealed record FEntry(FNode Key, FNode Value);
