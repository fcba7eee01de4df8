using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// Lists and watches one kind through the generic cluster-wide list operation (<c>/api/v1/RESOURCE</c> or
/// <c>/apis/GROUP/VERSION/RESOURCE</c>), deserialized into the kind's typed models. A metadata-only kind sends an
/// Accept header that allows nothing but PartialObjectMetadataList, so the server never sends the objects' bodies.
/// </summary>
internal sealed class KindClient<TItem, TList>(LiveKind kind) : IKindClient
    where TItem : class
    where TList : class, IItems<TItem>, IMetadata<V1ListMeta>
{
    /// <summary>The only representation asked for metadata-only kinds: no fallback to the full object.</summary>
    public const string MetadataListAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> MetadataHeaders =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["Accept"] = [MetadataListAccept] };

    public LiveKind Kind { get; } = kind;

    public async Task<ListPage> ListPageAsync(IKubernetes client, int limit, string? continueToken, string? fieldSelector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<TList>(
            Kind.Group,
            Kind.Version,
            Kind.Resource,
            continueParameter: continueToken,
            fieldSelector: fieldSelector,
            limit: limit,
            customHeaders: Kind.MetadataOnly ? MetadataHeaders : null,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var list = response.Body;
        return new ListPage(
            [.. (list?.Items ?? []).Where(i => i is not null)],
            list?.Metadata?.ResourceVersion,
            string.IsNullOrEmpty(list?.Metadata?.ContinueProperty) ? null : list.Metadata.ContinueProperty);
    }

    public async Task<WatchStream> OpenWatchAsync(IKubernetes client, string resourceVersion, TimeSpan timeout, Action<Exception> onError, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<TList>(
            Kind.Group,
            Kind.Version,
            Kind.Resource,
            allowWatchBookmarks: true,
            resourceVersion: resourceVersion,
            timeoutSeconds: (int)Math.Max(1, timeout.TotalSeconds),
            watch: true,
            customHeaders: Kind.MetadataOnly ? MetadataHeaders : null,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return new WatchStream(Events(response, onError, cancellationToken), response);
    }

    private static async IAsyncEnumerable<(WatchEventType, object)> Events(
        HttpOperationResponse<TList> response,
        Action<Exception> onError,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The suggested replacement (the generated WatchList...Async) sends the request inside the enumerator, where the
        // retry policy cannot wrap it and the response cannot be disposed; this overload reads an already-open response.
#pragma warning disable CS0618
        var events = Task.FromResult(response).WatchAsync<TItem, TList>(onError, cancellationToken);
#pragma warning restore CS0618
        await foreach (var (type, item) in events.ConfigureAwait(false))
        {
            if (item is not null)
            {
                yield return (type, item);
            }
        }
    }
}
