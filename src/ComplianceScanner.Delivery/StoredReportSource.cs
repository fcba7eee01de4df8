using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.History;

namespace ComplianceScanner.Delivery;

/// <summary>
/// The latest recorded scan's report, rebuilt from the history store: its stored snapshot judged again against the
/// config (so the report has every field the scan's report had: evidence, matrix, exceptions), dated at the scan's
/// start, with the drift against the previous complete scan. Used by <c>report send</c>, which has no scan in memory.
/// </summary>
/// <param name="storePath">The history store file.</param>
/// <param name="config">The loaded scanner.yaml; its cluster name selects the scans.</param>
/// <param name="prepareConfig">Adds what the scan added to the config (the security layer's in-cluster exceptions); null for none.</param>
public sealed class StoredReportSource(string storePath, ScannerConfig config, Func<ClusterSnapshot, ScannerConfig, ScannerConfig>? prepareConfig = null) : IReportSource
{
    public Task<LatestReport?> LatestAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var store = ScanStore.OpenExisting(storePath);
        var scans = store.Scans(config.ClusterName);
        if (scans.IsEmpty)
        {
            return Task.FromResult<LatestReport?>(null);
        }

        var scan = scans[^1];
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = store.SnapshotOf(scan.Id)
            ?? throw new ReportDeliveryException($"history store {storePath}: the snapshot of scan {scan.Id} is missing; the report cannot be rebuilt.");
        var effective = prepareConfig?.Invoke(snapshot, config) ?? config;
        var context = new EvaluationContext(snapshot, effective, DateOnly.FromDateTime(scan.StartedAt.UtcDateTime));
        var result = new Evaluator(RuleCatalogue.All).Evaluate(context);
        var report = ReportBuilder.Build(
            snapshot,
            effective,
            result,
            RuleCatalogue.Descriptors,
            new ReportScanner("ComplianceScanner", scan.ScannerVersion, scan.RulesetVersion),
            scan.StartedAt,
            scan.FinishedAt,
            context.IsMissing("rolebindings") || context.IsMissing("clusterrolebindings") ? null : context.Duties);
        var previous = scans.LastOrDefault(s => s.Complete && s.Id < scan.Id);
        var drift = previous is null ? new ReportDrift { ScanId = scan.Id, Complete = scan.Complete } : DriftReportBuilder.Build(store.Compare(previous.Id, scan.Id));
        return Task.FromResult<LatestReport?>(new LatestReport(scan.Id, report with { Drift = drift }));
    }
}
