using ComplianceScanner.Core.Layers;
using ComplianceScanner.History;
using ComplianceScanner.Snapshot.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ComplianceScanner.Agent;

/// <summary>
/// The agent's main loop. Without leader election this replica leads from the start; with it, it competes for the
/// Lease and leads while it holds it. A leadership term: start the Quartz scheduler, list the cluster into the watch
/// cache and scan it, then rescan on every debounced change signal and on every scheduled full scan, one scan at a
/// time, until the term ends (shutdown or lost Lease), when the scheduler goes to standby and the running scan
/// finishes or is abandoned before it is recorded.
/// </summary>
internal sealed class AgentWorker(
    AgentOptions options,
    LiveSnapshotSource source,
    AgentScanner scanner,
    AgentState state,
    AgentMetrics metrics,
    FullScanRequests requests,
    ISchedulerFactory schedulers,
    ILogger<AgentWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FirstReadRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxReadRetry = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim term = new(1, 1);

    private LeaderElectionSettings Election => options.Config.Agent.LeaderElection;

    public override void Dispose()
    {
        term.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Quartz's hosted service created the scheduler without starting it; it shuts it down after this worker stopped.
        var scheduler = await schedulers.GetScheduler(stoppingToken).ConfigureAwait(false);
        if (Election.Enabled)
        {
            await ElectAsync(scheduler, stoppingToken).ConfigureAwait(false);
        }
        else
        {
            await LeadAsync(scheduler, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task ElectAsync(IScheduler scheduler, CancellationToken stoppingToken)
    {
        using var election = new LeaseElection(source, new LeaseElectionOptions
        {
            LeaseNamespace = options.LeaseNamespace,
            LeaseName = Election.LeaseName,
            Identity = options.Identity,
            LeaseDuration = Election.LeaseDuration,
            RenewDeadline = Election.RenewDeadline,
            RetryPeriod = Election.RetryPeriod,
        });
        var gate = new Lock();
        CancellationTokenSource? termCts = null;
        var termTask = Task.CompletedTask;
        election.StartedLeading += () =>
        {
            lock (gate)
            {
                termCts?.Dispose();
                termCts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var token = termCts.Token;
                var prior = termTask;
                termTask = Task.Run(
                    async () =>
                    {
                        await prior.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        await LeadAsync(scheduler, token).ConfigureAwait(false);
                    },
                    CancellationToken.None);
            }
        };
        election.StoppedLeading += () =>
        {
            lock (gate)
            {
                termCts?.Cancel();
            }
        };
        election.NewLeader += leader =>
        {
            state.ObservedLeader(leader, string.Equals(leader, options.Identity, StringComparison.Ordinal));
            AgentLog.NewLeader(logger, leader);
        };
        election.Error += e => AgentLog.ElectionError(logger, e.Message);
        try
        {
            await election.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            Task last;
            lock (gate)
            {
                termCts?.Cancel();
                last = termTask;
            }

            await last.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            termCts?.Dispose();
        }
    }

    /// <summary>One leadership term (the whole run without leader election).</summary>
    private async Task LeadAsync(IScheduler scheduler, CancellationToken ct)
    {
        try
        {
            await term.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            state.StartedLeading(options.Identity);
            if (Election.Enabled)
            {
                AgentLog.StartedLeading(logger, options.Identity, options.LeaseNamespace, Election.LeaseName);
            }

            scanner.Reset();
            await scheduler.Start(ct).ConfigureAwait(false);
            await ScanLoopAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The term is over: shutdown or lost Lease. A scan in progress was abandoned unrecorded (logged by the scanner).
        }
        finally
        {
            await scheduler.Standby(CancellationToken.None).ConfigureAwait(false);
            requests.DropPending();
            metrics.TrackCache(null);
            if (Election.Enabled)
            {
                AgentLog.StoppedLeading(logger, options.Identity);
            }

            state.StoppedLeading();
            term.Release();
        }
    }

    private async Task ScanLoopAsync(CancellationToken ct)
    {
        var (cache, first) = await StartCacheAsync(ct).ConfigureAwait(false);
        try
        {
            await TryScanAsync(() => scanner.FullAsync(first.Snapshot, ScanTrigger.Startup, ct)).ConfigureAwait(false);
            Task<bool>? changed = null;
            Task<bool>? requested = null;
            while (true)
            {
                changed ??= cache.Changes.WaitToReadAsync(ct).AsTask();
                requested ??= requests.Reader.WaitToReadAsync(ct).AsTask();
                await Task.WhenAny(changed, requested).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                if (requested.IsCompleted)
                {
                    requested = null;
                    if (requests.Reader.TryRead(out var request))
                    {
                        // A full scan lists every kind again (also those not watched) and restarts the watches from there.
                        await cache.DisposeAsync().ConfigureAwait(false);
                        changed = null;
                        (cache, first) = await StartCacheAsync(ct).ConfigureAwait(false);
                        var result = await TryScanAsync(() => scanner.FullAsync(first.Snapshot, ScanTrigger.Schedule, ct)).ConfigureAwait(false);
                        request.TrySetResult(result);
                        while (requests.Reader.TryRead(out var also))
                        {
                            also.TrySetResult(result);
                        }
                    }

                    continue;
                }

                changed = null;
                var sets = new List<ClusterChangeSet>();
                while (cache.Changes.TryRead(out var set))
                {
                    sets.Add(set);
                }

                if (sets.Count > 0)
                {
                    await TryScanAsync(() => scanner.RescanAsync(sets, ct)).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            metrics.TrackCache(null);
            await cache.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A scan whose store, template or output directory failed was logged and counted; the agent carries on.</summary>
    private static async Task<AgentScanResult?> TryScanAsync(Func<Task<AgentScanResult>> scan)
    {
        try
        {
            return await scan().ConfigureAwait(false);
        }
        catch (Exception e) when (e is HistoryStoreException or IOException or UnauthorizedAccessException or Rendering.TemplateRenderException)
        {
            return null;
        }
    }

    /// <summary>Lists the cluster into a new watch cache, retrying (with backoff) while the API server cannot be reached.</summary>
    private async Task<(LiveClusterCache Cache, LiveSnapshotResult First)> StartCacheAsync(CancellationToken ct)
    {
        var delay = FirstReadRetry;
        while (true)
        {
            var cache = new LiveClusterCache(source, new LiveCacheOptions
            {
                QuietPeriod = options.Config.Agent.QuietPeriod,
                MaxDelay = options.Config.Agent.MaxDelay,
            });
            try
            {
                var first = await cache.StartAsync(ct).ConfigureAwait(false);
                metrics.ApiErrors(first.ApiErrors);
                metrics.TrackCache(cache);
                return (cache, first);
            }
            catch (LiveSnapshotException e)
            {
                await cache.DisposeAsync().ConfigureAwait(false);
                AgentLog.ReadFailed(logger, delay.TotalSeconds, e);
                await Task.Delay(delay, options.Time, ct).ConfigureAwait(false);
                delay = delay * 2 < MaxReadRetry ? delay * 2 : MaxReadRetry;
            }
            catch
            {
                await cache.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }
}
