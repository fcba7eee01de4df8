using ComplianceScanner.Snapshot.Live;
using ComplianceScanner.TestSupport.KubeApi;
using k8s;
using Microsoft.Extensions.Time.Testing;

namespace ComplianceScanner.Snapshot.Tests.Live;

/// <summary>A watch cache started against a test API server on a fake clock, with everything it needs disposed together.</summary>
internal sealed class CacheRun : IAsyncDisposable
{
    private static readonly string[] WatchedResources = ["namespaces", "services", "ingresses", "ingressclasses", "roles", "clusterroles", "rolebindings", "clusterrolebindings"];

    private CacheRun(FakeTimeProvider time, Kubernetes client, LiveSnapshotSource source, LiveClusterCache cache)
    {
        Time = time;
        Client = client;
        Source = source;
        Cache = cache;
    }

    public FakeTimeProvider Time { get; }

    public Kubernetes Client { get; }

    public LiveSnapshotSource Source { get; }

    public LiveClusterCache Cache { get; }

    public LiveSnapshotResult? First { get; private set; }

    /// <summary>Starts the cache (quiet period 5 s on the fake clock) and, unless told not to, waits until every watch is open.</summary>
    public static async Task<CacheRun> StartAsync(TestApiServer server, bool waitForWatches = true)
    {
        var time = new FakeTimeProvider();
        var client = LiveTestClient.For(server);
        var source = new LiveSnapshotSource(client, new LiveSnapshotOptions { TimeProvider = time });
        var run = new CacheRun(time, client, source, new LiveClusterCache(source, new LiveCacheOptions { QuietPeriod = TimeSpan.FromSeconds(5) }));
        run.First = await run.Cache.StartAsync(LiveTestClient.Timeout());
        if (waitForWatches)
        {
            foreach (var resource in WatchedResources)
            {
                await server.WaitForWatchesAsync(resource, 1, TimeSpan.FromSeconds(20));
            }
        }

        return run;
    }

    public async ValueTask DisposeAsync()
    {
        await Cache.DisposeAsync();
        Source.Dispose();
        Client.Dispose();
    }
}
