using ComplianceScanner.Core.Model;
using ComplianceScanner.Snapshot.Live;
using ComplianceScanner.TestSupport.KubeApi;
using Microsoft.Extensions.Time.Testing;

namespace ComplianceScanner.Snapshot.Tests.Live;

public sealed class LiveClusterCacheTests
{
    private const string RoleBindings = "rolebindings.rbac.authorization.k8s.io";
    private const string RoleBindingPath = "/apis/rbac.authorization.k8s.io/v1/rolebindings";
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_change_to_a_role_binding_raises_one_signal_carrying_the_binding_before_and_after()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Add(KubeFixtures.RoleBinding("shop", "editors", "edit", "team-shop"));
        await using var run = await CacheRun.StartAsync(server);
        var (time, cache) = (run.Time, run.Cache);
        Assert.Single(cache.Snapshot().RoleBindings);

        server.Modify("rolebindings", "shop", "editors", rb => rb["subjects"]![0]!["name"] = "team-payments");
        await CaughtUpAsync(cache, server, RoleBindings);
        time.Advance(Quiet);

        var signal = await ReadSignalAsync(cache);
        var change = Assert.Single(signal.Changes);
        Assert.Equal(new ObjectReference("RoleBinding", "shop", "editors"), change.Reference);
        Assert.Equal(ChangeType.Modified, change.Type);
        Assert.Equal("team-shop", Assert.IsType<RbacBinding>(change.Before).Subjects[0].Name);
        Assert.Equal("team-payments", Assert.IsType<RbacBinding>(change.After).Subjects[0].Name);
        Assert.Same(change, Assert.Single(signal.BindingChanges));
        Assert.Equal("team-payments", Assert.Single(signal.Snapshot.RoleBindings).Subjects[0].Name);
        Assert.Equal("k8s://RoleBinding/shop/editors", signal.Snapshot.RoleBindings[0].Metadata.Source.File);
        Assert.Equal(1, signal.Sequence);
        Assert.False(cache.Changes.TryRead(out _));
    }

    [Fact]
    public async Task A_burst_of_1000_changes_raises_one_debounced_signal()
    {
        await using var server = await TestApiServer.StartAsync();
        await using var run = await CacheRun.StartAsync(server);
        var (time, cache) = (run.Time, run.Cache);

        for (var i = 0; i < 1000; i++)
        {
            server.Add(KubeFixtures.RoleBinding("team-" + (i % 10), $"rb-{i:D4}", "view", "group-" + i));
        }

        await CaughtUpAsync(cache, server, RoleBindings);
        Assert.Equal(1000, cache.PendingChanges);
        time.Advance(Quiet);

        var signal = await ReadSignalAsync(cache);
        Assert.Equal(1000, signal.Changes.Length);
        Assert.All(signal.Changes, c => Assert.Equal(ChangeType.Added, c.Type));
        Assert.Equal(1000, signal.Snapshot.RoleBindings.Length);
        time.Advance(Quiet * 10);
        Assert.False(cache.Changes.TryRead(out _));
        Assert.Equal(0, cache.PendingChanges);
    }

    [Fact]
    public async Task A_dropped_watch_resumes_from_its_resource_version_without_losing_an_event()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Add(KubeFixtures.RoleBinding("shop", "before-drop", "edit", "team-shop"));
        await using var run = await CacheRun.StartAsync(server);
        var (time, cache) = (run.Time, run.Cache);
        var resumeFrom = cache.ResourceVersions[RoleBindings];

        server.DropWatches("rolebindings");
        server.Add(KubeFixtures.RoleBinding("shop", "after-drop", "edit", "team-payments"));
        await CaughtUpAsync(cache, server, RoleBindings);
        time.Advance(Quiet);

        var signal = await ReadSignalAsync(cache);
        Assert.Equal("after-drop", Assert.Single(signal.Changes).Reference.Name);
        Assert.Equal(["after-drop", "before-drop"], signal.Snapshot.RoleBindings.Select(b => b.Metadata.Name));
        Assert.True(cache.WatchRestarts >= 1);

        // Resumed by a watch from the last resourceVersion, not by listing again.
        var requests = server.Requests.Where(r => r.Path == RoleBindingPath).ToList();
        Assert.Single(requests, r => !r.IsWatch);
        var watches = requests.Where(r => r.IsWatch).ToList();
        Assert.True(watches.Count >= 2, string.Join("; ", watches));
        Assert.All(watches, w => Assert.Equal(resumeFrom, w.Parameter("resourceVersion")));
        Assert.All(requests.Where(r => r.IsWatch), r => Assert.Equal("true", r.Parameter("allowWatchBookmarks")));
    }

    [Fact]
    public async Task A_watch_whose_history_expired_relists_and_reports_what_changed_meanwhile()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Add(KubeFixtures.RoleBinding("shop", "kept", "edit", "team-shop"));
        server.Add(KubeFixtures.RoleBinding("shop", "removed", "edit", "team-shop"));
        await using var run = await CacheRun.StartAsync(server);
        var (time, cache) = (run.Time, run.Cache);

        // The reopened watch first meets a 503, and waits on the fake clock; meanwhile the server forgets its history.
        server.Fail("rolebindings", count: 1, status: 503);
        server.DropWatches("rolebindings");
        await server.WaitForRequestAsync(r => r.Path == RoleBindingPath && r.Status == 503, Wait);
        server.Delete("rolebindings", "shop", "removed");
        server.Add(KubeFixtures.RoleBinding("shop", "added", "edit", "team-payments"));
        server.CompactHistory();
        await AdvanceUntilAsync(time, () => cache.ResourceVersions[RoleBindings] == server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) && cache.PendingChanges == 2);
        time.Advance(Quiet);

        var signal = await ReadSignalAsync(cache);
        Assert.Equal([RoleBindings], signal.RelistedKinds.ToArray());
        Assert.Equal(
            [(ChangeType.Added, "added"), (ChangeType.Deleted, "removed")],
            signal.Changes.Select(c => (c.Type, c.Reference.Name)));
        Assert.Equal(["added", "kept"], signal.Snapshot.RoleBindings.Select(b => b.Metadata.Name));
        Assert.Contains(server.Requests, r => r.Path == RoleBindingPath && r.IsWatch && r.Status == 200);
        Assert.Equal(2, server.Requests.Count(r => r.Path == RoleBindingPath && !r.IsWatch && r.Status == 200));
    }

    [Fact]
    public async Task Bookmarks_advance_the_resource_version_without_a_signal()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Add(KubeFixtures.RoleBinding("shop", "editors", "edit", "team-shop"));
        await using var run = await CacheRun.StartAsync(server);
        var (time, cache) = (run.Time, run.Cache);
        server.Add(KubeFixtures.Namespace("unrelated"));
        await CaughtUpAsync(cache, server, "namespaces");

        server.Bookmark();
        await CaughtUpAsync(cache, server, RoleBindings);

        time.Advance(Quiet);
        var signal = await ReadSignalAsync(cache);
        Assert.Equal("Namespace", Assert.Single(signal.Changes).Reference.Kind);
        Assert.Equal(1, cache.EventsApplied);
    }

    [Fact]
    public async Task A_kind_that_may_be_listed_but_not_watched_is_reported_missing_with_the_watch_permission()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Add(KubeFixtures.RoleBinding("shop", "editors", "edit", "team-shop"));
        server.Forbid("rolebindings", "watch");
        await using var run = await CacheRun.StartAsync(server, waitForWatches: false);
        var cache = run.Cache;

        var deadline = DateTime.UtcNow + Wait;
        while (cache.Snapshot().IsComplete && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var missing = Assert.Single(cache.Snapshot().Missing);
        Assert.Equal(RoleBindings, missing.Kind);
        Assert.Equal("watch rolebindings (rbac.authorization.k8s.io) cluster-wide", missing.RequiredPermission);
        Assert.Single(cache.Snapshot().RoleBindings);
    }

    /// <summary>Waits (real time, bounded) until the cache's copy of the kind is at the server's latest resourceVersion.</summary>
    private static async Task CaughtUpAsync(LiveClusterCache cache, TestApiServer server, string kind)
    {
        var target = server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var cts = new CancellationTokenSource(Wait);
        while (cache.ResourceVersions.GetValueOrDefault(kind) != target)
        {
            await Task.Delay(10, cts.Token);
        }
    }

    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (!done())
        {
            time.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(10, cts.Token);
        }
    }

    private static async Task<ClusterChangeSet> ReadSignalAsync(LiveClusterCache cache)
    {
        using var cts = new CancellationTokenSource(Wait);
        return await cache.Changes.ReadAsync(cts.Token);
    }
}
