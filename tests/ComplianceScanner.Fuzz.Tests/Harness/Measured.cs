namespace ComplianceScanner.Fuzz.Tests.Harness;

/// <summary>What one bounded run returned, how long it took and how many bytes it allocated.</summary>
internal sealed record Measured<T>(T Result, TimeSpan Elapsed, long AllocatedBytes);
