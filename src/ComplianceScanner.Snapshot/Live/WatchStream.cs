using k8s;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>An open watch: its events (KubernetesClient models) and the HTTP response to dispose when done.</summary>
internal sealed class WatchStream(IAsyncEnumerable<(WatchEventType Type, object Object)> events, IDisposable response) : IDisposable
{
    public IAsyncEnumerable<(WatchEventType Type, object Object)> Events { get; } = events;

    public void Dispose() => response.Dispose();
}
