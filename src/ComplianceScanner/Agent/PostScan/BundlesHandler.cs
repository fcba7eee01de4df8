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
        var directory = BundleLocations.Directory(options, storePath);
        var load = LoadKey(storePath, settings.KeyPath);
        using var key = load.Key;
        using var store = ScanStore.OpenExisting(storePath);
        var bundle = await new EvidenceBundleWriter().WriteAsync(store, latest.Recorded.Scan.Id, key, directory, cancellationToken).ConfigureAwait(false);
        var removed = EvidenceBundleWriter.ApplyRetention(directory, settings.Keep);
        var note = load.Created ? $" (new signing key; public key {load.PublicKeyPath})" : string.Empty;
        AgentLog.BundleWritten(logger, bundle.Path, latest.Recorded.Scan.Id, note, removed.Length);
    }

    /// <summary>
    /// Like <c>bundle --key</c>: a configured key is only loaded (a mounted Secret is read-only, and a key made up in its
    /// place would sign bundles nobody can verify against the published public key); only the default pair beside the
    /// store is created on first use.
    /// </summary>
    private static KeyLoad LoadKey(string storePath, string? keyPath)
    {
        if (keyPath is null)
        {
            var (defaultPrivate, defaultPublic) = EvidenceKey.DefaultPaths(storePath);
            return EvidenceKey.LoadOrCreate(defaultPrivate, defaultPublic);
        }

        return File.Exists(keyPath)
            ? new KeyLoad(EvidenceKey.Load(keyPath), Created: false, keyPath, string.Empty)
            : throw new EvidenceException($"agent.bundles.key: file not found: {keyPath}. Hint: mount the private key there, or leave agent.bundles.key out to use (or create on first use) the key pair beside the store.");
    }
}
