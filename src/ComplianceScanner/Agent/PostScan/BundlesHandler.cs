using ComplianceScanner.Evidence;
using ComplianceScanner.History;
using Microsoft.Extensions.Logging;

namespace ComplianceScanner.Agent.PostScan;

/// <summary>
/// On <c>schedule.bundles</c>: writes the latest recorded scan's signed evidence bundle (chained to the previous one)
/// into <c>agent.bundles.directory</c> and keeps the newest <c>agent.bundles.keep</c> files. Without a configured key
/// the key pair beside the store is used, created on first use.
/// </summary>
internal sealed class BundlesHandler(AgentOptions options, ILogger<BundlesHandler> logger) : IScheduledWorkHandler
{
    public ScheduledWork Work => ScheduledWork.Bundles;

    public async Task RunAsync(AgentScanResult latest, CancellationToken cancellationToken)
    {
        if (options.StorePath is not { } storePath || latest.Recorded is null)
        {
            AgentLog.BundlesWithoutStore(logger);
            return;
        }

        var settings = options.Config.Agent.Bundles;
        var directory = settings.Directory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath))!, "bundles");
        var (defaultPrivate, defaultPublic) = EvidenceKey.DefaultPaths(storePath);
        var privatePath = settings.KeyPath ?? defaultPrivate;
        var publicPath = settings.KeyPath is null ? defaultPublic : Path.ChangeExtension(privatePath, ".pub");
        var load = EvidenceKey.LoadOrCreate(privatePath, publicPath);
        using var key = load.Key;
        using var store = ScanStore.OpenExisting(storePath);
        var bundle = await new EvidenceBundleWriter().WriteAsync(store, latest.Recorded.Scan.Id, key, directory, cancellationToken).ConfigureAwait(false);
        var removed = EvidenceBundleWriter.ApplyRetention(directory, settings.Keep);
        var note = load.Created ? $" (new signing key; public key {load.PublicKeyPath})" : string.Empty;
        AgentLog.BundleWritten(logger, bundle.Path, latest.Recorded.Scan.Id, note, removed.Length);
    }
}
