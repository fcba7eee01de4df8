namespace ComplianceScanner.Alerting.Tests;

/// <summary>
/// The real clock plus an offset the test moves forward: "an hour passes" without waiting, while timers (Polly's
/// retry delays and timeouts, HTTP) still run in real time.
/// </summary>
internal sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; private set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Offset += by;
}
