using k8s;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>Lists and watches one <see cref="LiveKind"/> cluster-wide with KubernetesClient's typed models.</summary>
internal interface IKindClient
{
    LiveKind Kind { get; }

    /// <summary>One page of the cluster-wide list; <paramref name="fieldSelector"/> may narrow it.</summary>
    Task<ListPage> ListPageAsync(IKubernetes client, int limit, string? continueToken, string? fieldSelector, CancellationToken cancellationToken);

    /// <summary>Opens a watch from <paramref name="resourceVersion"/>, with bookmarks; ERROR events (e.g. 410 Gone) go to <paramref name="onError"/>.</summary>
    Task<WatchStream> OpenWatchAsync(IKubernetes client, string resourceVersion, TimeSpan timeout, Action<Exception> onError, CancellationToken cancellationToken);
}
