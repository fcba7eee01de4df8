using ComplianceScanner.Evidence;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Agent.Tests.Agent.PostScan;

/// <summary><c>schedule.bundles</c>: signed evidence bundles of the latest recorded scan, with retention.</summary>
[Collection(AgentCollection.Name)]
public sealed class BundlesHandlerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_bundles_schedule_writes_verifiable_chained_bundles_beside_the_store_and_keeps_the_newest_keep()
    {
        await using var server = await AgentCluster.StartAsync();
        using var dir = new TempDirectory();
        var store = Path.Combine(dir.Path, "scanner.db");
        var bundles = Path.Combine(dir.Path, "bundles");
        var config = AgentCluster.Layers + "agent: {quietPeriod: 500ms, bundles: {keep: 2}}\nschedule: {scan: ~, bundles: \"0/1 * * * * ?\"}\n";
        await using var agent = await TestAgent.StartAsync(server, dir, config, storePath: store);

        var ids = new List<long>();
        var first = await agent.Scans.NextAsync(Bound, "first scan");
        ids.Add(first.Recorded!.Scan.Id);
        await WaitForBundleAsync(bundles, ids[^1]);
        await server.WaitForWatchesAsync("rolebindings", 1, Bound);
        for (var i = 0; i < 2; i++)
        {
            AgentCluster.GrantOutsider(server, $"user-{i}", $"binding-{i}");
            var rescan = await agent.Scans.NextAsync(Bound, $"rescan {i + 1}");
            ids.Add(rescan.Recorded!.Scan.Id);
            await WaitForBundleAsync(bundles, ids[^1]);
        }

        // Retention runs right after each bundle is written; wait until the oldest is gone.
        await Wait.UntilAsync(() => Files(bundles).Count == 2, Bound, "retention down to 2 bundles");
        await agent.StopAsync();

        var kept = Files(bundles);
        Assert.Equal(ids.Skip(1), kept.Select(f => EvidenceBundleWriter.ScanIdOf(Path.GetFileName(f))!.Value));
        var (_, publicKey) = EvidenceKey.DefaultPaths(store);
        var pem = await File.ReadAllTextAsync(publicKey);
        var older = EvidenceBundleVerifier.Verify(kept[0], pem);
        var newest = EvidenceBundleVerifier.Verify(kept[1], pem, previousBundlePath: kept[0]);
        Assert.True(older.Valid, older.Reason);
        Assert.True(newest.Valid, newest.Reason);
        Assert.False(newest.KeyFromBundle);
    }

    [Fact]
    public async Task A_configured_bundle_key_signs_the_bundles_and_no_key_is_created_beside_the_store()
    {
        await using var server = await AgentCluster.StartAsync();
        using var dir = new TempDirectory();
        var store = Path.Combine(dir.Path, "scanner.db");
        var keys = Path.Combine(dir.Path, "keys");
        Directory.CreateDirectory(keys);
        string pem;
        using (var created = EvidenceKey.LoadOrCreate(Path.Combine(keys, "evidence.key"), Path.Combine(keys, "evidence.pub")).Key)
        {
            pem = created.PublicKeyPem;
        }

        var config = AgentCluster.Layers + "agent: {quietPeriod: 500ms, bundles: {directory: out, key: keys/evidence.key}}\nschedule: {scan: ~, bundles: \"0/1 * * * * ?\"}\n";
        await using var agent = await TestAgent.StartAsync(server, dir, config, storePath: store);

        var first = await agent.Scans.NextAsync(Bound, "first scan");
        await WaitForBundleAsync(Path.Combine(dir.Path, "out"), first.Recorded!.Scan.Id);
        await agent.StopAsync();

        var bundle = Assert.Single(Files(Path.Combine(dir.Path, "out")));
        var verification = EvidenceBundleVerifier.Verify(bundle, pem);
        Assert.True(verification.Valid, verification.Reason);
        Assert.False(File.Exists(EvidenceKey.DefaultPaths(store).PrivateKey));
    }

    private static List<string> Files(string directory) => Directory.Exists(directory)
        ? [.. Directory.GetFiles(directory, EvidenceBundleWriter.FilePrefix + "*" + EvidenceBundleWriter.FileSuffix).OrderBy(f => EvidenceBundleWriter.ScanIdOf(Path.GetFileName(f)))]
        : [];

    private static Task WaitForBundleAsync(string directory, long scanId) =>
        Wait.UntilAsync(() => Files(directory).Any(f => EvidenceBundleWriter.ScanIdOf(Path.GetFileName(f)) == scanId), Bound, $"the bundle of scan {scanId}");
}
