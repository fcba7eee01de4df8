using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// Collects changes and flushes them once none has arrived for the quiet period (or the maximum delay has passed since
/// the first pending one), merging repeated changes of one object, on the injected clock so tests control time.
/// </summary>
internal sealed class ChangeDebouncer(TimeProvider time, TimeSpan quietPeriod, TimeSpan maxDelay, Action<IReadOnlyList<ObjectChange>> flush) : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<ObjectReference, ObjectChange> pending = [];
    private ITimer? timer;
    private DateTimeOffset firstPending;
    private bool disposed;

    public int Pending
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    public void Add(IEnumerable<ObjectChange> changes)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var any = false;
            foreach (var change in changes)
            {
                any = true;
                if (!pending.TryGetValue(change.Reference, out var earlier))
                {
                    pending[change.Reference] = change;
                }
                else if (earlier.Then(change) is { } merged)
                {
                    pending[change.Reference] = merged;
                }
                else
                {
                    pending.Remove(change.Reference);
                }
            }

            if (!any)
            {
                return;
            }

            var now = time.GetUtcNow();
            if (timer is null)
            {
                firstPending = now;
                timer = time.CreateTimer(_ => Fire(), null, quietPeriod, Timeout.InfiniteTimeSpan);
                return;
            }

            var left = maxDelay - (now - firstPending);
            timer.Change(left < quietPeriod ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : quietPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            timer?.Dispose();
            timer = null;
        }
    }

    private void Fire()
    {
        List<ObjectChange> changes;
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
            if (disposed || pending.Count == 0)
            {
                pending.Clear();
                return;
            }

            changes = [.. pending.Values.OrderBy(c => c.Reference)];
            pending.Clear();
        }

        flush(changes);
    }
}
