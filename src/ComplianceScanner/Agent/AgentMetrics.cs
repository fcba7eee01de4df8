using System.Diagnostics.Metrics;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Snapshot.Live;

namespace ComplianceScanner.Agent;

/// <summary>
/// The agent's metrics, created through <see cref="IMeterFactory"/> (so each host owns its meter) and exported both
/// to the Prometheus endpoint and, when configured, over OTLP. Names follow OpenTelemetry conventions; Prometheus shows
/// them with underscores and unit or <c>_total</c> suffixes (docs/agent.md lists both).
/// </summary>
internal sealed class AgentMetrics
{
    public const string MeterName = "ComplianceScanner";

    public const string FindingsName = "compliance_scanner.findings";

    private readonly Histogram<double> scanDuration;
    private readonly Counter<long> scans;
    private readonly Counter<long> incompleteScans;
    private readonly Counter<long> failedScans;
    private readonly Counter<long> apiErrors;
    private readonly Lock gate = new();
    private long closedCacheRestarts;
    private LiveClusterCache? cache;

    public AgentMetrics(IMeterFactory meterFactory, AgentState state)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(state);
        var meter = meterFactory.Create(MeterName, Pipeline.ScanPipeline.ScannerVersion);
        scanDuration = meter.CreateHistogram<double>(
            "compliance_scanner.scan.duration",
            "s",
            "How long a scan took, from judging the snapshot to recording it and writing its reports.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
        scans = meter.CreateCounter<long>("compliance_scanner.scans", "{scan}", "Scans finished, by trigger (startup, schedule, watch), mode (full, incremental) and completeness.");
        incompleteScans = meter.CreateCounter<long>(
            "compliance_scanner.scans.incomplete",
            "{scan}",
            "Scans that finished incomplete: a kind could not be read (e.g. 403) or a rule failed. Their reports say so.");
        failedScans = meter.CreateCounter<long>("compliance_scanner.scans.failed", "{scan}", "Scans that failed with an error and produced no report.");
        apiErrors = meter.CreateCounter<long>("compliance_scanner.api.errors", "{request}", "Kubernetes API requests that failed (403, 410, 429, 5xx, timeouts; each retried attempt counts).");
        meter.CreateObservableCounter(
            "compliance_scanner.watch.restarts",
            WatchRestartsTotal,
            "{restart}",
            "Watches reopened after they ended, dropped, failed or expired.");
        meter.CreateObservableGauge(
            "compliance_scanner.objects",
            () => state.Latest is { } latest
                ? latest.Snapshot.CountsByKind().Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("kind", kv.Key)))
                : [],
            "{object}",
            "Objects in the latest scanned snapshot, by kind.");
        meter.CreateObservableGauge(
            FindingsName,
            () => state.Latest is { } latest ? Findings(latest) : [],
            "{finding}",
            "Open findings of the latest scan, by severity, rule and layer.");
        meter.CreateObservableGauge(
            "compliance_scanner.leader",
            () => state.IsLeader ? 1 : 0,
            "{replica}",
            "1 while this replica holds the Lease and scans, else 0.");
    }

    public void ScanFinished(AgentScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var trigger = new KeyValuePair<string, object?>("trigger", Name(result.Trigger));
        var mode = new KeyValuePair<string, object?>("mode", result.Incremental ? "incremental" : "full");
        var complete = new KeyValuePair<string, object?>("complete", result.Complete);
        scanDuration.Record(result.Duration.TotalSeconds, trigger, mode, complete);
        scans.Add(1, trigger, mode, complete);
        if (!result.Complete)
        {
            incompleteScans.Add(1, trigger);
        }
    }

    public void ScanFailed(ScanTrigger trigger) => failedScans.Add(1, new KeyValuePair<string, object?>("trigger", Name(trigger)));

    public void ApiErrors(int count)
    {
        if (count > 0)
        {
            apiErrors.Add(count);
        }
    }

    /// <summary>Counts the watch restarts of <paramref name="current"/> from now on (null: the cache was closed).</summary>
    public void TrackCache(LiveClusterCache? current)
    {
        lock (gate)
        {
            closedCacheRestarts += cache?.WatchRestarts ?? 0;
            cache = current;
        }
    }

    private long WatchRestartsTotal()
    {
        lock (gate)
        {
            return closedCacheRestarts + (cache?.WatchRestarts ?? 0);
        }
    }

    public static string Name(ScanTrigger trigger) => trigger switch
    {
        ScanTrigger.Startup => "startup",
        ScanTrigger.Schedule => "schedule",
        _ => "watch",
    };

    private static IEnumerable<Measurement<long>> Findings(AgentScanResult latest) =>
        latest.Evaluation.Findings
            .Where(f => f.State == FindingState.Open)
            .GroupBy(f => (f.Severity, f.RuleId, f.Layer))
            .OrderBy(g => g.Key.RuleId, StringComparer.Ordinal).ThenBy(g => g.Key.Layer, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(
                g.LongCount(),
                new KeyValuePair<string, object?>("severity", g.Key.Severity.ToName()),
                new KeyValuePair<string, object?>("rule", g.Key.RuleId),
                new KeyValuePair<string, object?>("layer", g.Key.Layer)));
}
