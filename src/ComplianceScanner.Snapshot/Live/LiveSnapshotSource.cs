using System.Collections.Immutable;
using System.Net;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Snapshot.Live.PolicyReports;
using k8s;
using k8s.Exceptions;

namespace ComplianceScanner.Snapshot.Live;

/// <summary>
/// Reads the cluster through its API server into a <see cref="Core.Snapshot.ClusterSnapshot"/>: every kind of
/// <see cref="KnownLiveKinds.All"/> (optional ones only when discovery shows them served), each as one consistent,
/// paginated list recorded with its resourceVersion; Secrets as metadata only. A kind that cannot be read is a gap in
/// the snapshot (<c>Missing</c>), never a failure of the whole read; only an API server that cannot be reached, or
/// refuses the credentials, is (<see cref="LiveSnapshotException"/>).
/// </summary>
public sealed class LiveSnapshotSource : IDisposable
{
    private const string AdmissionV1 = KnownLiveKinds.Admission + "/v1";

    private readonly bool ownsClient;

    /// <summary>Reads through <paramref name="client"/>, which the caller keeps owning.</summary>
    public LiveSnapshotSource(IKubernetes client, LiveSnapshotOptions? options = null)
        : this(client, options ?? new LiveSnapshotOptions(), ownsClient: false)
    {
    }

    private LiveSnapshotSource(IKubernetes client, LiveSnapshotOptions options, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Client = client;
        Options = options;
        this.ownsClient = ownsClient;
        ServerUrl = client.BaseUri?.ToString().TrimEnd('/') ?? string.Empty;
    }

    /// <summary>The API server's URL (the snapshot's source).</summary>
    public string ServerUrl { get; }

    public LiveSnapshotOptions Options { get; }

    internal IKubernetes Client { get; }

    /// <summary>True when running in a pod with a service-account token (the in-cluster configuration is available).</summary>
    /// <summary>A publisher of PolicyReports to this cluster, through the same client (and credentials) the snapshot uses.</summary>
    public PolicyReportPublisher CreatePolicyReportPublisher() => new(Client);

    public static bool IsInCluster() => KubernetesClientConfiguration.IsInCluster();

    /// <summary>
    /// A source for the cluster a kubeconfig names, like kubectl: <paramref name="context"/> or the file's current
    /// context. Plain-HTTP servers work too.
    /// </summary>
    /// <exception cref="LiveSnapshotException">The file cannot be read, or the context does not exist or is incomplete.</exception>
    public static LiveSnapshotSource FromKubeconfig(string kubeconfigPath, string? context = null, LiveSnapshotOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(kubeconfigPath);
        if (!File.Exists(kubeconfigPath))
        {
            throw new LiveSnapshotException($"kubeconfig {kubeconfigPath}: file not found");
        }

        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath, currentContext: context);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException or FormatException or ArgumentException)
        {
            var what = context is null ? "current context" : $"context '{context}'";
            throw new LiveSnapshotException($"kubeconfig {kubeconfigPath} ({what}): {e.Message}", e);
        }

        return Create(config, options, $"kubeconfig {kubeconfigPath}");
    }

    /// <summary>A source using the pod's service account (the token, CA and API server address mounted into every pod).</summary>
    /// <exception cref="LiveSnapshotException">Not running in a pod, or the service-account files cannot be read.</exception>
    public static LiveSnapshotSource InCluster(LiveSnapshotOptions? options = null)
    {
        if (!IsInCluster())
        {
            throw new LiveSnapshotException(
                "--in-cluster: not running in a Kubernetes pod (KUBERNETES_SERVICE_HOST/PORT are not set or the service-account token is not mounted)");
        }

        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.InClusterConfig();
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or FormatException)
        {
            throw new LiveSnapshotException("in-cluster configuration: " + e.Message, e);
        }

        return Create(config, options, "in-cluster configuration");
    }

    /// <summary>Reads every kind once. Cancellation stops it (and throws); nothing else but an unreachable server does.</summary>
    public async Task<LiveSnapshotResult> ReadAsync(CancellationToken cancellationToken)
    {
        var policy = new ApiCallPolicy(Options);
        var reads = await ReadKindsAsync(policy, cancellationToken).ConfigureAwait(false);
        return Result(reads, policy);
    }

    public void Dispose()
    {
        if (ownsClient)
        {
            Client.Dispose();
        }
    }

    /// <summary>Discovery, then every served kind's full list (a few kinds at a time), in <see cref="KnownLiveKinds.All"/> order.</summary>
    internal async Task<IReadOnlyList<KindRead>> ReadKindsAsync(ApiCallPolicy policy, CancellationToken cancellationToken)
    {
        var notServed = await DiscoverAsync(policy, cancellationToken).ConfigureAwait(false);
        var reader = new KindReader(Client, Options, policy);
        var kinds = KnownLiveKinds.All;
        var reads = new KindRead[kinds.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, kinds.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, ct) => reads[i] = notServed.Contains(kinds[i])
                ? new KindRead(kinds[i], new Dictionary<string, KubeObject>(), null, null, true, [], 0)
                : await reader.ReadAsync(kinds[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return reads;
    }

    internal LiveSnapshotResult Result(IReadOnlyList<KindRead> reads, ApiCallPolicy policy)
    {
        var objects = reads.SelectMany(r => r.Objects.Values).ToList();
        return new LiveSnapshotResult
        {
            Snapshot = LiveSnapshotComposer.Compose(ServerUrl, objects, reads.Where(r => r.Missing is not null).Select(r => r.Missing!)),
            ServerUrl = ServerUrl,
            ResourceVersions = reads
                .Where(r => r.Succeeded && r.ResourceVersion is not null)
                .ToImmutableSortedDictionary(r => r.Kind.QualifiedResource, r => r.ResourceVersion!, StringComparer.Ordinal),
            NotServed = [.. reads.Where(r => r.NotServed).Select(r => r.Kind.QualifiedResource)],
            Warnings = [.. reads.SelectMany(r => r.Warnings)],
            Retries = policy.Retries,
            Relists = reads.Sum(r => r.Relists),
            ApiErrors = policy.Errors,
        };
    }

    private static LiveSnapshotSource Create(KubernetesClientConfiguration config, LiveSnapshotOptions? options, string origin)
    {
        options ??= new LiveSnapshotOptions();
        config.HttpClientTimeout = options.RequestTimeout;
        try
        {
            return new LiveSnapshotSource(new Kubernetes(config), options, ownsClient: true);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or FormatException or UriFormatException
            or System.Security.Cryptography.CryptographicException)
        {
            throw new LiveSnapshotException($"{origin}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Which optional kinds the API server does not serve, from discovery. Discovery is open to every authenticated
    /// user, so a failure here means the server is unreachable or the credentials are wrong: the read stops.
    /// </summary>
    private async Task<HashSet<LiveKind>> DiscoverAsync(ApiCallPolicy policy, CancellationToken cancellationToken)
    {
        var notServed = new HashSet<LiveKind>();
        try
        {
            var groups = await policy.ExecuteAsync(ct => Client.Apis.GetAPIVersionsAsync(ct), cancellationToken).ConfigureAwait(false);
            var groupVersions = (groups?.Groups ?? [])
                .SelectMany(g => g?.Versions ?? [])
                .Select(v => v?.GroupVersion)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            HashSet<string>? admission = null;
            if (groupVersions.Contains(AdmissionV1))
            {
                var list = await policy.ExecuteAsync(ct => Client.AdmissionregistrationV1.GetAPIResourcesAsync(ct), cancellationToken).ConfigureAwait(false);
                admission = (list?.Resources ?? []).Select(r => r?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
            }

            foreach (var kind in KnownLiveKinds.All.Where(k => k.Optional))
            {
                var served = groupVersions.Contains(kind.GroupVersion)
                    && (kind.GroupVersion != AdmissionV1 || admission!.Contains(kind.Resource));
                if (!served)
                {
                    notServed.Add(kind);
                }
            }

            return notServed;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var why = ApiFailure.Status(e) is HttpStatusCode.Unauthorized
                ? "it refused the credentials (401 Unauthorized)"
                : ApiFailure.Describe(e);
            throw new LiveSnapshotException($"cannot read the API server at {ServerUrl}: {why}", e);
        }
    }
}
