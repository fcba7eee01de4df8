namespace ComplianceScanner.Delivery.Tests;

public sealed class CronWindowsTests
{
    [Theory]
    [InlineData("0 0 7 * * ?", "2026-11-26T09:30:00Z", "2026-11-26T07:00:00Z")]
    [InlineData("0 0 7 * * ?", "2026-11-26T07:00:00Z", "2026-11-26T07:00:00Z")]
    [InlineData("0 0 7 * * ?", "2026-11-26T06:59:59Z", "2026-11-25T07:00:00Z")]
    [InlineData("0 0 7 ? * MON", "2026-11-26T09:30:00Z", "2026-11-23T07:00:00Z")]
    [InlineData("0 0/15 * * * ?", "2026-11-26T09:44:59Z", "2026-11-26T09:30:00Z")]
    [InlineData("0 0 6 1 1 ? *", "2026-11-26T09:00:00Z", "2026-01-01T06:00:00Z")]
    public void The_current_window_is_the_latest_fire_time_at_or_before_now(string cron, string now, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CronWindows.Current(cron, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Message_ids_depend_on_cluster_schedule_audience_and_window_only()
    {
        var window = new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);
        var id = MessageIds.For("prod", "daily", "team:shop", window);

        Assert.Equal(id, MessageIds.For("prod", "daily", "team:shop", window.ToOffset(TimeSpan.FromHours(2))));
        Assert.Matches("^[0-9a-f]{64}@compliance-scanner$", id);
        Assert.NotEqual(id, MessageIds.For("prod", "daily", "team:blog", window));
        Assert.NotEqual(id, MessageIds.For("stage", "daily", "team:shop", window));
        Assert.NotEqual(id, MessageIds.For("prod", "daily", "team:shop", window.AddDays(1)));
    }
}
