using ComplianceScanner.Core.Layers;

namespace ComplianceScanner.Configuration.Tests.Binding;

public sealed class ScheduleSectionTests
{
    [Fact]
    public void Absent_schedule_scans_hourly_and_schedules_no_reports_or_bundles()
    {
        var config = ConfigText.Valid("cluster: {name: a}\n");

        Assert.Equal(ScheduleSettings.DefaultScan, config.Schedule.Scan);
        Assert.Null(config.Schedule.Reports);
        Assert.Null(config.Schedule.Bundles);
    }

    [Fact]
    public void Quartz_cron_expressions_are_read_and_a_null_scan_turns_scheduled_scans_off()
    {
        var config = ConfigText.Valid("schedule: {scan: ~, reports: \"0 0 6 ? * MON-FRI\", bundles: \"0 30 2 1 * ?\"}\n");

        Assert.Null(config.Schedule.Scan);
        Assert.Equal("0 0 6 ? * MON-FRI", config.Schedule.Reports);
        Assert.Equal("0 30 2 1 * ?", config.Schedule.Bundles);
    }

    [Fact]
    public void Invalid_cron_is_reported_with_line_field_and_a_quartz_hint()
    {
        var messages = ConfigText.Diagnose("""
            schedule:
              scan: "*/15 * * * *"
              reports: "0 61 * * * ?"
              bundles: "0 0 25 * * ?"
              nightly: "0 0 0 * * ?"
            """);

        Assert.True(messages.Length == 4, string.Join("\n", messages));
        Assert.StartsWith("scanner.yaml:4:9: error: schedule.scan: \"*/15 * * * *\" has 5 fields, like Unix cron;", messages[0], StringComparison.Ordinal);
        Assert.EndsWith("Hint: put the seconds first, e.g. \"0 */15 * * * ?\".", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("scanner.yaml:5:12: error: schedule.reports: \"0 61 * * * ?\" is not a valid cron expression: ", messages[1], StringComparison.Ordinal);
        Assert.StartsWith("scanner.yaml:6:12: error: schedule.bundles: \"0 0 25 * * ?\" is not a valid cron expression: ", messages[2], StringComparison.Ordinal);
        Assert.Contains("with ? in day-of-month or day-of-week", messages[2], StringComparison.Ordinal);
        Assert.Equal("scanner.yaml:7:3: error: schedule.nightly: unknown field \"nightly\". Known fields here: scan, reports, bundles.", messages[3]);
    }
}
