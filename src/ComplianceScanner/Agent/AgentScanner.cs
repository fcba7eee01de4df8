using System.Collections.Immutable;
using System.Diagnostics;
using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Evaluation;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.Core.Snapshot;
using ComplianceScanner.History;
using ComplianceScanner.Pipeline;
using ComplianceScanner.Snapshot.Live;
using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Agent;

/// <summary>
/// Judges snapshots for the agent and finishes each scan as <c>scan</c> does (record, report, deliver), then runs the
/// post-scan handlers. A rescan after watched changes reuses the previous result where the engine allows it: when
/// every change is a RoleBinding or ClusterRoleBinding, the permission index and duty analysis are derived
/// (<see cref="EvaluationContext.WithBindingChanged"/>) and only the affected rules and subjects re-evaluated
/// (<see cref="Evaluator"/>'s Reevaluate); anything else is judged in full from the cache's snapshot. Scans are
/// abandoned only between stages, before recording starts: a scan is recorded whole or not at all.
/// </summary>
internal sealed class AgentScanner(
    AgentOptions options,
    AgentState state,
    AgentMetrics metrics,
    IEnumerable<IScanCompletedHandler> handlers,
    ILogger<AgentScanner> logger)
{
    /// <summary>Past this many changed bindings a full evaluation is cheaper than deriving the index one binding at a time.</summary>
    internal const int MaxIncrementalChanges = 100;

    private readonly IScanCompletedHandler[] handlers = [.. handlers];
    private (EvaluationContext Context, EvaluationResult Evaluation)? previous;
    private int sequence;

    /// <summary>Forgets the previous result (a new leadership term starts from a full scan).</summary>
    public void Reset() => previous = null;

    /// <summary>Judges <paramref name="snapshot"/> in full.</summary>
    public Task<AgentScanResult> FullAsync(ClusterSnapshot snapshot, ScanTrigger trigger, CancellationToken cancellationToken) =>
        RunAsync(trigger, incremental: false, changes: 0, snapshot, (pipeline, started, ct) => Full(pipeline, snapshot, started, ct), cancellationToken);

    /// <summary>Rescans after one or more debounced change signals, incrementally when only bindings changed.</summary>
    public Task<AgentScanResult> RescanAsync(IReadOnlyList<ClusterChangeSet> sets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var snapshot = sets[^1].Snapshot;
        var changes = sets.SelectMany(s => s.Changes).ToList();
        var today = DateOnly.FromDateTime(options.Time.GetUtcNow().UtcDateTime);
        var incremental = previous is { } p && CanDerive(p.Context, sets, changes, snapshot, today);
        AgentLog.Rescan(logger, changes.Count, sets.Count, incremental ? "incremental" : "full");
        return incremental
            ? RunAsync(ScanTrigger.Watch, incremental: true, changes.Count, snapshot, (_, _, ct) => Derive(previous!.Value, changes, ct), cancellationToken)
            : RunAsync(ScanTrigger.Watch, incremental: false, changes.Count, snapshot, (pipeline, started, ct) => Full(pipeline, snapshot, started, ct), cancellationToken);
    }

    private static bool CanDerive(EvaluationContext context, IReadOnlyList<ClusterChangeSet> sets, List<ObjectChange> changes, ClusterSnapshot snapshot, DateOnly today) =>
        changes.Count <= MaxIncrementalChanges
        && context.Today == today
        && sets.All(s => s.RelistedKinds.IsEmpty)
        && changes.All(c => (c.Before is null or RbacBinding) && (c.After is null or RbacBinding))
        && context.Snapshot.Missing.Select(m => m.Kind).SequenceEqual(snapshot.Missing.Select(m => m.Kind), StringComparer.Ordinal);

    private Judgement Full(ScanPipeline pipeline, ClusterSnapshot snapshot, DateTimeOffset started, CancellationToken ct)
    {
        var (config, errors) = ScanPipeline.WithClusterExceptions(snapshot, options.Config, DateOnly.FromDateTime(started.UtcDateTime));
        var context = pipeline.Resolve(snapshot, config, started);
        ct.ThrowIfCancellationRequested();
        return new Judgement(context, pipeline.Evaluate(context), errors);
    }

    private static Judgement Derive((EvaluationContext Context, EvaluationResult Evaluation) from, List<ObjectChange> changes, CancellationToken ct)
    {
        var context = from.Context;
        var subjects = new HashSet<Subject>();
        using (ScanTelemetry.Stage("resolve"))
        {
            foreach (var change in changes)
            {
                var before = change.Before as RbacBinding;
                var after = change.After as RbacBinding;
                context = context.WithBindingChanged(before, after);
                subjects.UnionWith(SubjectIdentity.Changed(before, after));
            }
        }

        ct.ThrowIfCancellationRequested();
        using var span = ScanTelemetry.Stage("evaluate");
        span?.SetTag("scan.changed_subjects", subjects.Count);
        var evaluator = new Evaluator(RuleCatalogue.All);

        // One changed binding (the common watch event): the binding-scoped rules re-judge only that binding.
        var evaluation = changes.Count == 1
            ? evaluator.Reevaluate(from.Evaluation, context, changes[0].Before as RbacBinding, changes[0].After as RbacBinding)
            : evaluator.Reevaluate(from.Evaluation, context, subjects);
        return new Judgement(context, evaluation, []);
    }

    private async Task<AgentScanResult> RunAsync(
        ScanTrigger trigger,
        bool incremental,
        int changes,
        ClusterSnapshot snapshot,
        Func<ScanPipeline, DateTimeOffset, CancellationToken, Judgement> judge,
        CancellationToken cancellationToken)
    {
        var triggerName = AgentMetrics.Name(trigger);
        AgentScanResult result;
        try
        {
            // The stages are synchronous and CPU-bound: off the caller's thread, checked for cancellation between them.
            result = await Task.Run(() => Scan(trigger, incremental, changes, snapshot, judge, cancellationToken), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            AgentLog.ScanAbandoned(logger, triggerName, "the agent is stopping or lost leadership");
            throw;
        }
        catch (Exception e) when (e is HistoryStoreException or IOException or UnauthorizedAccessException or Rendering.TemplateRenderException)
        {
            metrics.ScanFailed(trigger);
            AgentLog.ScanFailed(logger, triggerName, e);
            throw;
        }

        state.Finished(result);
        metrics.ScanFinished(result);
        var open = result.Evaluation.Findings.Count(f => f.State == FindingState.Open);
        AgentLog.ScanFinished(logger, result.Sequence, triggerName, incremental ? "incremental" : "full", (long)result.Duration.TotalMilliseconds, result.Evaluation.Findings.Length, open, result.Complete, changes);
        if (!result.Snapshot.IsComplete)
        {
            AgentLog.ScanIncomplete(logger, result.Sequence, string.Join("; ", result.Snapshot.Missing.Select(m => $"{m.Kind}: {m.Reason}")));
        }

        foreach (var error in result.InputErrors)
        {
            AgentLog.InputError(logger, error);
        }

        if (result.Recorded is { } recorded)
        {
            AgentLog.Recorded(logger, recorded.Scan.Id, options.StorePath!);
        }

        foreach (var handler in handlers)
        {
            try
            {
                await handler.OnScanCompletedAsync(result, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A failing plug-in (alerts, e-mail) must not stop the agent or the other handlers; it is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                AgentLog.HandlerFailed(logger, handler.GetType().Name, e);
            }
        }

        return result;
    }

    private AgentScanResult Scan(
        ScanTrigger trigger,
        bool incremental,
        int changes,
        ClusterSnapshot snapshot,
        Func<ScanPipeline, DateTimeOffset, CancellationToken, Judgement> judge,
        CancellationToken ct)
    {
        var time = options.Time;
        using var span = ScanTelemetry.StartScan(AgentMetrics.Name(trigger), incremental ? "incremental" : "full");
        span?.SetTag("scan.changes", changes);
        span?.SetTag("scan.cluster", options.Config.ClusterName);
        var begin = time.GetTimestamp();
        var started = time.GetUtcNow();
        var pipeline = new ScanPipeline(time, NoProgress.Instance);
        try
        {
            var judged = judge(pipeline, started, ct);

            // The last point a scan is abandoned: recording is one transaction and is never interrupted.
            ct.ThrowIfCancellationRequested();
            var output = options.Config.Agent.OutputDirectory;
            var request = new ScanRequest(
                judged.Context.Config,
                SnapshotInput.FromCluster(options.Cluster),
                output ?? options.WorkingDirectory,
                output is null ? [] : options.Config.Agent.OutputFormats,
                options.TemplatesDirectory,
                options.WorkingDirectory,
                options.StorePath,
                options.Config.Store is { } settings ? new RetentionPolicy(settings.RetentionScans, settings.RetentionDays) : null);
            using var store = options.StorePath is null ? null : ScanStore.Open(options.StorePath);
            var outcome = pipeline.Finish(store, request, snapshot, judged.Context, judged.Evaluation, judged.Errors, started);
            previous = (judged.Context, judged.Evaluation);
            return new AgentScanResult
            {
                Sequence = Interlocked.Increment(ref sequence),
                Trigger = trigger,
                Incremental = incremental,
                Changes = changes,
                Report = outcome.Report,
                Evaluation = outcome.Evaluation,
                Snapshot = snapshot,
                Recorded = outcome.Recorded,
                StorePath = options.StorePath,
                WrittenFiles = outcome.WrittenFiles,
                InputErrors = outcome.InputErrors,
                Duration = time.GetElapsedTime(begin),
            };
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e is OperationCanceledException ? "abandoned" : e.Message);
            throw;
        }
    }

    private sealed record Judgement(EvaluationContext Context, EvaluationResult Evaluation, ImmutableArray<string> Errors);

    private sealed class NoProgress : IScanProgress
    {
        public static readonly NoProgress Instance = new();

        public void Stage(string name, string detail)
        {
            // The agent reports through spans and logs, not a terminal status line.
        }
    }
}
