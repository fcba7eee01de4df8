using System.Globalization;
using System.Net;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Snapshot;
using k8s;
using k8s.Models;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// Lists one kind completely: page by page (<c>limit</c> + <c>continue</c>, one consistent list at one resourceVersion),
/// restarting from scratch when the continue token expired (410 Gone), every request under the retry policy. A 403 or
/// a failure past the retries makes the kind missing (with the reason and the permission); a 404 on an optional kind
/// means it is not served.
/// </summary>
internal sealed class KindReader(IKubernetes client, LiveSnapshotOptions options, ApiCallPolicy policy)
{
    private const string TlsSelector = "type=" + SecretMetadata.TlsType;

    public async Task<KindRead> ReadAsync(LiveKind kind, CancellationToken cancellationToken)
    {
        var kindClient = KindClients.For(kind);
        var warnings = new List<string>();
        var relists = 0;
        try
        {
            var (items, resourceVersion, r) = await ListAllAsync(kindClient, fieldSelector: null, cancellationToken).ConfigureAwait(false);
            relists += r;
            HashSet<string>? tls = null;
            if (kind.MetadataOnly && kind.Kind == "Secret")
            {
                // PartialObjectMetadata has no type; a second metadata-only list, selected by type, tells the TLS secrets.
                var (tlsItems, _, r2) = await ListAllAsync(kindClient, TlsSelector, cancellationToken).ConfigureAwait(false);
                relists += r2;
                tls = [.. tlsItems.Select(i => LiveMapping.Key(kind, LiveMapping.Metadata(i)))];
            }

            var objects = new Dictionary<string, KubeObject>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                if (item is V1Secret secret && tls is not null)
                {
                    secret.Type = tls.Contains(LiveMapping.Key(kind, secret.Metadata)) ? SecretMetadata.TlsType : LiveMapping.NonTlsSecretType;
                }

                if (LiveMapping.Map(kind, item, warnings) is { } mapped)
                {
                    objects[LiveMapping.Key(kind, LiveMapping.Metadata(item))] = mapped;
                }
            }

            return new KindRead(kind, objects, resourceVersion, null, false, warnings, relists);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (kind.Optional && ApiFailure.Is(e, HttpStatusCode.NotFound))
            {
                return new KindRead(kind, new Dictionary<string, KubeObject>(), null, null, true, warnings, relists);
            }

            return new KindRead(kind, new Dictionary<string, KubeObject>(), null, Missing(kind, "list", e, options.MaxRelists), false, warnings, relists);
        }
    }

    /// <summary>What a kind that could not be read (or watched) is recorded as.</summary>
    public static MissingKind Missing(LiveKind kind, string verb, Exception e, int maxRelists)
    {
        var status = ApiFailure.Status(e);
        return status switch
        {
            HttpStatusCode.Forbidden => new MissingKind(
                kind.QualifiedResource,
                $"the API server refused to {verb} it ({ApiFailure.Describe(e)})",
                kind.Permission(verb)),
            HttpStatusCode.Gone => new MissingKind(
                kind.QualifiedResource,
                string.Create(CultureInfo.InvariantCulture, $"its paginated list expired (410 Gone) {maxRelists + 1} times in a row, so no complete list was read")),
            _ => new MissingKind(kind.QualifiedResource, $"it could not be {(verb == "list" ? "listed" : "watched")}: {ApiFailure.Describe(e)}"),
        };
    }

    private async Task<(List<object> Items, string? ResourceVersion, int Relists)> ListAllAsync(
        IKindClient kindClient,
        string? fieldSelector,
        CancellationToken cancellationToken)
    {
        for (var relists = 0; ; relists++)
        {
            var items = new List<object>();
            string? resourceVersion = null;
            string? token = null;
            try
            {
                do
                {
                    var continueToken = token;
                    var page = await policy.ExecuteAsync(
                        ct => kindClient.ListPageAsync(client, options.PageSize, continueToken, fieldSelector, ct),
                        cancellationToken).ConfigureAwait(false);

                    // Every page of a continued list is served at the first page's resourceVersion.
                    resourceVersion ??= page.ResourceVersion;
                    items.AddRange(page.Items);
                    token = page.Continue;
                }
                while (token is not null);

                return (items, resourceVersion, relists);
            }
            catch (Exception e) when (token is not null && ApiFailure.Is(e, HttpStatusCode.Gone) && relists < options.MaxRelists)
            {
                // The continue token outlived etcd's compaction window: the rest of that list is gone; start again.
            }
        }
    }
}
