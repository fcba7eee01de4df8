namespace ComplianceScanner.TestSupport;

/// <summary>A clock that stands still (or moves only when told), for golden files and expiry tests.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static DateTimeOffset DemoNow { get; } = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);

    public DateTimeOffset Now { get; set; } = now;

    public FixedTimeProvider()
        : this(DemoNow)
    {
    }

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
