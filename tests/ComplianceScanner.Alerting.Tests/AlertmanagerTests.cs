using System.Text.Json;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.History;
using ComplianceScanner.Rendering;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Alerting.Tests;

/// <summary>
/// Against the real Alertmanager: a scan's findings appear as alerts with the expected labels through its API; after
/// the finding is fixed, the next scan resolves the alert (Alertmanager lists only unresolved alerts).
/// </summary>
public sealed class AlertmanagerTests
{
    [SkippableFact]
    public async Task Scan_findings_become_alertmanager_alerts_and_resolve_after_the_fix()
    {
        AlertmanagerProcess.RequireBinary();
        await using var am = await AlertmanagerProcess.StartAsync();
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "scanner.db");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var sink = new AlertSinkSettings
        {
            Name = "alertmanager",
            Type = AlertSinkType.Alertmanager,
            Url = am.Url,
            Notify = AlertNotify.New | AlertNotify.Reopened | AlertNotify.Open | AlertNotify.Resolved,
        };
        var dispatcher = new AlertDispatcher(new AlertSettings { Sinks = [sink] }, TemplateSet.FromDirectory(RepoPaths.At("templates")), db, http, TimeProvider.System);
        using var store = ScanStore.Open(db);

        var first = AlertScenario.Scan(store, 2, Now());
        await dispatcher.EnqueueAsync(first.Report, first.Recorded);
        var run = await dispatcher.DeliverPendingAsync();
        Assert.True(run.Pending == 0, run.Summary() + "\n" + am.Log);

        var alerts = await ScannerAlertsAsync(http, am.Url);
        var bad1 = first.Report.Findings.Single(f => f.RuleId == "SOD-ING-001" && f.Object!.Name == "bad-1").Id;
        var alert = Assert.Single(alerts, a => a.GetProperty("labels").GetProperty("fingerprint").GetString() == bad1);
        var labels = alert.GetProperty("labels");
        Assert.Equal("ComplianceScannerFinding", labels.GetProperty("alertname").GetString());
        Assert.Equal("SOD-ING-001", labels.GetProperty("rule").GetString());
        Assert.Equal("high", labels.GetProperty("severity").GetString());
        Assert.Equal("namespace", labels.GetProperty("layer").GetString());
        Assert.Equal("shop", labels.GetProperty("namespace").GetString());
        Assert.Equal(AlertScenario.Cluster, labels.GetProperty("cluster").GetString());
        Assert.Equal("active", alert.GetProperty("status").GetProperty("state").GetString());
        Assert.Contains("shop/bad-1", alert.GetProperty("annotations").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(alert.GetProperty("endsAt").GetDateTimeOffset() > TimeProvider.System.GetUtcNow().AddHours(1), "a firing alert must not expire before the next scans re-send it");
        var firing = alerts.Count;
        Assert.True(firing >= 2, $"expected both bad Ingresses' findings, got {firing}");

        // bad-1 fixed: its alert is resolved (endsAt now), bad-0's stays active.
        var second = AlertScenario.Scan(store, 1, Now());
        await dispatcher.EnqueueAsync(second.Report, second.Recorded);
        run = await dispatcher.DeliverPendingAsync();
        Assert.True(run.Pending == 0, run.Summary());

        alerts = await ScannerAlertsAsync(http, am.Url);
        Assert.DoesNotContain(alerts, a => a.GetProperty("labels").GetProperty("fingerprint").GetString() == bad1);
        Assert.Contains(alerts, a => a.GetProperty("labels").GetProperty("rule").GetString() == "SOD-ING-001"
            && a.GetProperty("annotations").GetProperty("summary").GetString()!.Contains("shop/bad-0", StringComparison.Ordinal));
        Assert.True(alerts.Count < firing);
    }

    /// <summary>A scan start such that the scan (2 s long in the scenario) has finished by now: a resolved alert's endsAt is then past.</summary>
    private static DateTimeOffset Now() => TimeProvider.System.GetUtcNow().AddSeconds(-3);

    /// <summary>The unresolved alerts Alertmanager holds from the scanner.</summary>
    private static async Task<List<JsonElement>> ScannerAlertsAsync(HttpClient http, string url)
    {
        var json = await http.GetStringAsync(url + "/api/v2/alerts?filter=" + Uri.EscapeDataString("alertname=\"ComplianceScannerFinding\""));
        return [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
