using System.Collections.Immutable;
using System.Net;
using System.Threading.Channels;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;
using k8s;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// The continuous mode's view of the cluster: one full list of every kind, then a watch per <see cref="LiveKind.Watched"/>
/// kind (Ingresses, IngressClasses, Services, RBAC, Namespaces) that keeps an in-memory copy current. Watches ask for
/// bookmarks, resume from the last resourceVersion after a dropped connection (so no event is lost), and relist the
/// kind when the server no longer has that history (410 Gone). Changes are debounced into one
/// <see cref="ClusterChangeSet"/> on <see cref="Changes"/> per burst. <see cref="Snapshot"/> gives the current picture
/// at any time; kinds that are not watched keep their state from the first list.
/// </summary>
public sealed class LiveClusterCache : IAsyncDisposable
{
    private readonly LiveSnapshotSource source;
    private readonly LiveCacheOptions options;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly Dictionary<LiveKind, KindState> states = [];
    private readonly SortedSet<string> relisted = new(StringComparer.Ordinal);
    private readonly Channel<ClusterChangeSet> changes = Channel.CreateUnbounded<ClusterChangeSet>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly ChangeDebouncer debouncer;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> watches = [];
    private long sequence;
    private long eventsApplied;
    private int watchRestarts;
    private bool started;

    public LiveClusterCache(LiveSnapshotSource source, LiveCacheOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        this.source = source;
        this.options = options ?? new LiveCacheOptions();
        this.options.Validate();
        time = source.Options.TimeProvider;
        debouncer = new ChangeDebouncer(time, this.options.QuietPeriod, this.options.MaxDelay, Flush);
    }

    /// <summary>One signal per burst of changes, in order. Completed when the cache is disposed.</summary>
    public ChannelReader<ClusterChangeSet> Changes => changes.Reader;

    /// <summary>Changes waiting for the quiet period to end.</summary>
    public int PendingChanges => debouncer.Pending;

    /// <summary>Watch events applied so far (bookmarks excluded).</summary>
    public long EventsApplied => Interlocked.Read(ref eventsApplied);

    /// <summary>Watches reopened after they ended, dropped, failed or expired (for metrics).</summary>
    public int WatchRestarts => Volatile.Read(ref watchRestarts);

    /// <summary>The resourceVersion each kind's copy is at, by qualified resource.</summary>
    public ImmutableSortedDictionary<string, string> ResourceVersions
    {
        get
        {
            lock (gate)
            {
                return states
                    .Where(s => s.Value.ResourceVersion is not null)
                    .ToImmutableSortedDictionary(s => s.Key.QualifiedResource, s => s.Value.ResourceVersion!, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// Lists every kind (like <see cref="LiveSnapshotSource.ReadAsync"/>), keeps the result, and starts the watches,
    /// which run until the cache is disposed. Returns the first full read.
    /// </summary>
    public async Task<LiveSnapshotResult> StartAsync(CancellationToken cancellationToken)
    {
        if (started)
        {
            throw new InvalidOperationException("the cache is already started");
        }

        started = true;
        var policy = new ApiCallPolicy(source.Options);
        var reads = await source.ReadKindsAsync(policy, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            foreach (var read in reads)
            {
                states[read.Kind] = new KindState(new Dictionary<string, KubeObject>(read.Objects, StringComparer.Ordinal), read.ResourceVersion, read.Missing);
            }
        }

        foreach (var read in reads.Where(r => r.Kind.Watched && r.Succeeded && r.ResourceVersion is not null))
        {
            watches.Add(Task.Run(() => WatchAsync(read.Kind, stopping.Token), CancellationToken.None));
        }

        return source.Result(reads, policy);
    }

    /// <summary>The cluster as the cache has it now, with every kind that could not be read or watched in <c>Missing</c>.</summary>
    public ClusterSnapshot Snapshot()
    {
        List<KubeObject> objects;
        List<MissingKind> missing;
        lock (gate)
        {
            objects = [.. states.Values.SelectMany(s => s.Objects.Values)];
            missing = [.. KnownLiveKinds.All.Select(k => states.GetValueOrDefault(k)?.Missing).OfType<MissingKind>()];
        }

        return LiveSnapshotComposer.Compose(source.ServerUrl, objects, missing);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(watches).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }

        debouncer.Dispose();
        changes.Writer.TryComplete();
        stopping.Dispose();
    }

    /// <summary>
    /// Keeps one kind's copy current: watch from the copy's resourceVersion; when the stream ends (timeout, dropped
    /// connection) reopen it at once from the last resourceVersion seen; when the server no longer has that history
    /// (410 Gone) relist; when reopening keeps failing, back off (honouring Retry-After). KubernetesClient's watch call
    /// returns only once the first event arrives, so it is not wrapped in the request retry policy: a dropped idle
    /// watch must be reopened now, not after a backoff.
    /// </summary>
    private async Task WatchAsync(LiveKind kind, CancellationToken ct)
    {
        var client = KindClients.For(kind);
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            string resourceVersion;
            lock (gate)
            {
                resourceVersion = states[kind].ResourceVersion!;
            }

            var gone = false;
            TimeSpan? retryAfter = null;
            try
            {
                using var stream = await client.OpenWatchAsync(
                    source.Client,
                    resourceVersion,
                    options.WatchTimeout,
                    e => gone |= ApiFailure.Is(e, HttpStatusCode.Gone),
                    ct).ConfigureAwait(false);
                await foreach (var (type, model) in stream.Events.WithCancellation(ct).ConfigureAwait(false))
                {
                    failures = 0;
                    Apply(kind, type, model);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.Gone))
            {
                gone = true;
            }
            catch (Exception e) when (ApiFailure.Is(e, HttpStatusCode.Forbidden))
            {
                // Listing was allowed, watching is not: the copy can no longer be kept current, so the scan says so.
                lock (gate)
                {
                    states[kind] = states[kind] with { Missing = KindReader.Missing(kind, "watch", e, source.Options.MaxRelists) };
                }

                return;
            }
            catch (Exception e)
            {
                // A dropped connection, a failed reopen, a 429 or 5xx: resume from the last resourceVersion.
                failures++;
                retryAfter = ApiFailure.RetryAfter(e);
            }

            Interlocked.Increment(ref watchRestarts);
            try
            {
                if (gone)
                {
                    failures = await RelistAsync(kind, ct).ConfigureAwait(false) ? 0 : failures + 1;
                }

                if (retryAfter is not null || failures > 1)
                {
                    var backoff = options.ReconnectDelay * Math.Pow(2, Math.Clamp(failures - 2, 0, 16));
                    var delay = retryAfter is { } after && after > backoff ? after : backoff;
                    await Task.Delay(delay < options.MaxReconnectDelay ? delay : options.MaxReconnectDelay, time, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Applies one watch event to the kind's copy and hands the change to the debouncer.</summary>
    private void Apply(LiveKind kind, WatchEventType type, object model)
    {
        var meta = LiveMapping.Metadata(model);
        if (type == WatchEventType.Bookmark)
        {
            lock (gate)
            {
                states[kind] = states[kind] with { ResourceVersion = meta?.ResourceVersion ?? states[kind].ResourceVersion };
            }

            return;
        }

        var key = LiveMapping.Key(kind, meta);
        var after = type == WatchEventType.Deleted ? null : LiveMapping.Map(kind, model, new List<string>());
        lock (gate)
        {
            var state = states[kind];
            state.Objects.TryGetValue(key, out var before);
            if (after is null)
            {
                state.Objects.Remove(key);
            }
            else
            {
                state.Objects[key] = after;
            }

            states[kind] = state with { ResourceVersion = meta?.ResourceVersion ?? state.ResourceVersion };
            Interlocked.Increment(ref eventsApplied);
            var reference = (after ?? before)?.Reference ?? new ObjectReference(kind.Kind, kind.Namespaced ? meta?.NamespaceProperty : null, meta?.Name ?? string.Empty);
            var change = new ObjectChange(reference, after is null ? ChangeType.Deleted : before is null ? ChangeType.Added : ChangeType.Modified, before, after);

            // Inside the lock, so whoever sees the new resourceVersion also sees the change pending.
            debouncer.Add([change]);
        }
    }

    /// <summary>Lists the kind again after its watch history expired and turns the difference into changes. False when the list failed.</summary>
    private async Task<bool> RelistAsync(LiveKind kind, CancellationToken ct)
    {
        var read = await new KindReader(source.Client, source.Options, new ApiCallPolicy(source.Options)).ReadAsync(kind, ct).ConfigureAwait(false);
        var found = new List<ObjectChange>();
        lock (gate)
        {
            if (!read.Succeeded || read.ResourceVersion is null)
            {
                // Keep the old copy (it is all there is) but say it may be stale until a relist succeeds.
                states[kind] = states[kind] with { Missing = read.Missing };
                return false;
            }

            var old = states[kind].Objects;
            foreach (var (key, now) in read.Objects)
            {
                if (!old.TryGetValue(key, out var before))
                {
                    found.Add(new ObjectChange(now.Reference, ChangeType.Added, null, now));
                }
                else if (before.Metadata.ResourceVersion != now.Metadata.ResourceVersion)
                {
                    found.Add(new ObjectChange(now.Reference, ChangeType.Modified, before, now));
                }
            }

            found.AddRange(old.Where(o => !read.Objects.ContainsKey(o.Key)).Select(o => new ObjectChange(o.Value.Reference, ChangeType.Deleted, o.Value, null)));
            states[kind] = new KindState(new Dictionary<string, KubeObject>(read.Objects, StringComparer.Ordinal), read.ResourceVersion, null);
            relisted.Add(kind.QualifiedResource);
            debouncer.Add(found);
        }

        return true;
    }

    private void Flush(IReadOnlyList<ObjectChange> flushed)
    {
        ImmutableArray<string> kinds;
        lock (gate)
        {
            kinds = [.. relisted];
            relisted.Clear();
        }

        changes.Writer.TryWrite(new ClusterChangeSet
        {
            Sequence = Interlocked.Increment(ref sequence),
            Changes = [.. flushed],
            Snapshot = Snapshot(),
            RelistedKinds = kinds,
        });
    }
}
