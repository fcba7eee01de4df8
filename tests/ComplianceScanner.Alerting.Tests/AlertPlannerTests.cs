using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.History;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Alerting.Tests;

public sealed class AlertPlannerTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly AlertSinkSettings Chat = new() { Name = "chat", Type = AlertSinkType.Slack, UrlEnv = "X" };

    private static readonly AlertSinkSettings Manager = new()
    {
        Name = "am",
        Type = AlertSinkType.Alertmanager,
        Url = "http://am:9093",
        Notify = AlertNotify.New | AlertNotify.Reopened | AlertNotify.Open | AlertNotify.Resolved,
        ExpiresAfter = TimeSpan.FromHours(6),
    };

    [Fact]
    public void New_resolved_reopened_and_still_open_findings_become_the_transitions_each_sink_asked_for()
    {
        using var dir = new TempDirectory();
        using var store = ScanStore.Open(Path.Combine(dir.Path, "s.db"));
        var day1 = AlertScenario.Scan(store, 3, Day1);
        var day2 = AlertScenario.Scan(store, 1, Day1.AddDays(1));
        var day3 = AlertScenario.Scan(store, 3, Day1.AddDays(2));
        var firstSeen = store.FindingHistory(AlertScenario.Cluster).ToDictionary(r => r.Latest.Fingerprint, r => r.FirstSeen);

        string[] Describe(AlertSinkSettings sink, (Core.Reporting.ScanReport Report, RecordedScan Recorded) scan) =>
            [.. AlertPlanner.Plan(sink, scan.Report, scan.Recorded.Drift, scan.Recorded.Scan.Id, firstSeen)
                .Where(a => a.RuleId == "SOD-ING-001")
                .Select(a => $"{a.Transition} {a.Status} {a.Object}")
                .Order(StringComparer.Ordinal)];

        Assert.Equal(["new firing Ingress shop/bad-0", "new firing Ingress shop/bad-1", "new firing Ingress shop/bad-2"], Describe(Chat, day1));
        Assert.Empty(Describe(Chat, day2));
        Assert.Equal(["open firing Ingress shop/bad-0", "resolved resolved Ingress shop/bad-1", "resolved resolved Ingress shop/bad-2"], Describe(Manager, day2));
        Assert.Equal(["reopened firing Ingress shop/bad-1", "reopened firing Ingress shop/bad-2"], Describe(Chat, day3));
    }

    [Fact]
    public void Alert_times_and_details_come_from_the_store_and_the_report()
    {
        using var dir = new TempDirectory();
        using var store = ScanStore.Open(Path.Combine(dir.Path, "s.db"));
        AlertScenario.Scan(store, 1, Day1);
        var day2 = AlertScenario.Scan(store, 0, Day1.AddDays(1));
        var day3 = AlertScenario.Scan(store, 1, Day1.AddDays(2));
        var firstSeen = store.FindingHistory(AlertScenario.Cluster).ToDictionary(r => r.Latest.Fingerprint, r => r.FirstSeen);

        var resolved = Assert.Single(AlertPlanner.Plan(Manager, day2.Report, day2.Recorded.Drift, day2.Recorded.Scan.Id, firstSeen), a => a.RuleId == "SOD-ING-001");
        var reopened = Assert.Single(AlertPlanner.Plan(Manager, day3.Report, day3.Recorded.Drift, day3.Recorded.Scan.Id, firstSeen), a => a.RuleId == "SOD-ING-001");

        Assert.Equal("2026-03-01T08:00:02Z", resolved.StartsAt);
        Assert.Equal("2026-03-02T08:00:02Z", resolved.EndsAt);
        Assert.Equal("2026-03-03T14:00:02Z", reopened.EndsAt);
        Assert.Equal(("high", "namespace", "shop", "shop", AlertScenario.Cluster), (reopened.Severity, reopened.Layer, reopened.Namespace, reopened.Team, reopened.Cluster));
        Assert.NotEmpty(reopened.Remediation);
        Assert.Equal(day3.Recorded.Scan.Id, reopened.ScanId);
    }

    [Fact]
    public void Findings_below_the_sink_minimum_severity_are_not_sent()
    {
        using var dir = new TempDirectory();
        using var store = ScanStore.Open(Path.Combine(dir.Path, "s.db"));
        var day1 = AlertScenario.Scan(store, 2, Day1);

        var all = AlertPlanner.Plan(Chat, day1.Report, day1.Recorded.Drift, 1, new Dictionary<string, DateTimeOffset>());
        var critical = AlertPlanner.Plan(Chat with { MinSeverity = Severity.Critical }, day1.Report, day1.Recorded.Drift, 1, new Dictionary<string, DateTimeOffset>());

        Assert.Contains(all, a => a.Severity == "high");
        Assert.All(critical, a => Assert.Equal("critical", a.Severity));
    }
}
