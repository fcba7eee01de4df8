using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;
using Microsoft.Data.Sqlite;

namespace ComplianceScanner.History.Tests;

public sealed class ScanStoreTests
{
    [Fact]
    public void Three_scans_of_a_changing_cluster_give_new_resolved_and_reopened_transitions()
    {
        using var file = new StoreFile();
        using var store = file.Open();

        var first = store.Record(FixtureCluster.Scan(1), RetentionPolicy.Default);
        var second = store.Record(FixtureCluster.Scan(2), RetentionPolicy.Default);
        var third = store.Record(FixtureCluster.Scan(3), RetentionPolicy.Default);

        Assert.Null(first.Drift.Baseline);
        Assert.Empty(first.Drift.Findings.New);

        Assert.Equal(first.Scan.Id, second.Drift.Baseline!.ScanId);
        Assert.Equal(
            ["SOD-ING-001 shop/wild *.example.org", "SOD-ING-003 shop/wild *.example.org"],
            FixtureCluster.Describe(second.Drift.Findings.New));
        Assert.Equal(["SOD-ING-001 shop/promo promo.evil.example.org"], FixtureCluster.Describe(second.Drift.Findings.Resolved));
        Assert.Empty(second.Drift.Findings.Reopened);
        Assert.Equal(1, second.Drift.Findings.Unchanged);

        Assert.Equal(second.Scan.Id, third.Drift.Baseline!.ScanId);
        Assert.Equal(
            ["SOD-ING-001 shop/promo promo.evil.example.org", "SOD-ING-010 shop/web web"],
            FixtureCluster.Describe(third.Drift.Findings.Reopened));
        Assert.Equal(["SOD-GOV-001 - SOD-ING-010|shop/web|2026-03-02"], FixtureCluster.Describe(third.Drift.Findings.New));
        Assert.Equal(
            ["SOD-ING-001 shop/wild *.example.org", "SOD-ING-003 shop/wild *.example.org"],
            FixtureCluster.Describe(third.Drift.Findings.Resolved));
    }

    [Fact]
    public void Finding_lifecycle_records_first_seen_last_seen_resolved_at_and_state()
    {
        using var file = new StoreFile();
        using var store = file.Open();
        for (var day = 1; day <= 3; day++)
        {
            store.Record(FixtureCluster.Scan(day), RetentionPolicy.Default);
        }

        var history = store.FindingHistory("fixture").ToDictionary(r => $"{r.Latest.RuleId} {r.Latest.Object?.QualifiedName ?? "-"}");

        var promo = history["SOD-ING-001 shop/promo"];
        Assert.Equal(FindingLifecycleState.Reopened, promo.State);
        Assert.Equal(FixtureCluster.At(1).AddSeconds(3), promo.FirstSeen);
        Assert.Equal(FixtureCluster.At(3).AddSeconds(3), promo.LastSeen);
        Assert.Null(promo.ResolvedAt);
        Assert.Equal(1, promo.TimesReopened);

        var wild = history["SOD-ING-003 shop/wild"];
        Assert.Equal(FindingLifecycleState.Resolved, wild.State);
        Assert.Equal(FixtureCluster.At(2).AddSeconds(3), wild.FirstSeen);
        Assert.Equal(FixtureCluster.At(2).AddSeconds(3), wild.LastSeen);
        Assert.Equal(FixtureCluster.At(3).AddSeconds(3), wild.ResolvedAt);

        var web = history["SOD-ING-010 shop/web"];
        Assert.Equal(FindingLifecycleState.Reopened, web.State);
        Assert.Equal(FixtureCluster.At(1).AddSeconds(3), web.FirstSeen);
        Assert.Null(web.Latest.Exception);

        Assert.Equal(FindingLifecycleState.Open, history["SOD-GOV-001 -"].State);
    }

    [Fact]
    public void Excepted_finding_is_kept_with_approver_and_expiry_until_the_exception_expires()
    {
        using var file = new StoreFile();
        using var store = file.Open();
        var first = store.Record(FixtureCluster.Scan(1), RetentionPolicy.Default);
        var second = store.Record(FixtureCluster.Scan(2), RetentionPolicy.Default);

        var excepted = Assert.Single(store.FindingsOf(second.Scan.Id), f => f.RuleId == "SOD-ING-010");
        Assert.Equal(FindingState.Excepted, excepted.State);
        Assert.Equal(new AppliedException("Service moves next sprint", "jane (CISO)", new DateOnly(2026, 3, 2)), excepted.Exception);
        Assert.Equal(1, first.Scan.Excepted);
        Assert.Equal(FindingLifecycleState.Excepted, store.FindingHistory("fixture").Single(r => r.Latest.RuleId == "SOD-ING-010").State);

        var third = store.Record(FixtureCluster.Scan(3), RetentionPolicy.Default);

        var reopened = Assert.Single(third.Drift.Findings.Reopened, f => f.RuleId == "SOD-ING-010");
        Assert.Equal(FindingState.Open, reopened.State);
        Assert.Equal(FindingTransition.Reopened, third.Drift.Findings.Transitions[reopened.Fingerprint]);
        var expired = Assert.Single(third.Drift.Findings.New);
        Assert.Equal("SOD-GOV-001", expired.RuleId);
        Assert.Contains("expired on 2026-03-02", expired.Message, StringComparison.Ordinal);

        // The older scan still shows who had approved the exception.
        Assert.Equal("jane (CISO)", store.FindingsOf(second.Scan.Id).Single(f => f.RuleId == "SOD-ING-010").Exception!.ApprovedBy);
    }

    [Fact]
    public void Exception_that_matches_nothing_is_tracked_as_a_stale_exception_finding()
    {
        using var file = new StoreFile();
        using var store = file.Open();
        var manifests = FixtureCluster.Manifests(1).Replace("name: web, port: {number: 80}", "name: promo, port: {number: 80}", StringComparison.Ordinal);

        var recorded = store.Record(FixtureCluster.Scan(1, manifests), RetentionPolicy.Default);

        var stale = Assert.Single(store.FindingsOf(recorded.Scan.Id), f => f.RuleId == "SOD-GOV-002");
        Assert.Equal(FindingState.Open, stale.State);
        Assert.Contains("matches no finding", stale.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Object_edit_shows_its_field_diff_and_the_manager_that_made_it()
    {
        using var file = new StoreFile();
        using var store = file.Open();
        store.Record(FixtureCluster.Scan(1), RetentionPolicy.Default);

        var second = store.Record(FixtureCluster.Scan(2), RetentionPolicy.Default);

        Assert.True(second.Drift.ObjectsCompared);
        var promo = Assert.Single(second.Drift.ObjectChanges, c => c.Object == new ObjectReference("Ingress", "shop", "promo"));
        Assert.Equal(ObjectChangeKind.Modified, promo.Change);
        Assert.Equal([new FieldChange("spec.rules[0].host", "promo.evil.example.org", "promo.shop.example.com")], promo.Fields.ToArray());
        var manager = Assert.Single(promo.Managers);
        Assert.Equal("kubectl-edit", manager.Manager);
        Assert.Equal("Update", manager.Operation);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 15, 30, 0, TimeSpan.Zero), manager.Time);
        var wild = Assert.Single(second.Drift.ObjectChanges, c => c.Object.Name == "wild");
        Assert.Equal(ObjectChangeKind.Added, wild.Change);
        Assert.Contains(new FieldChange("spec.rules[0].host", null, "*.example.org"), wild.Fields);
    }

    [Fact]
    public void New_role_binding_shows_as_permissions_gained_by_the_subject_in_its_namespace()
    {
        using var file = new StoreFile();
        using var store = file.Open();
        store.Record(FixtureCluster.Scan(2), RetentionPolicy.Default);

        var third = store.Record(FixtureCluster.Scan(3), RetentionPolicy.Default);

        Assert.Equal(
            ["+ Group:team-shop shop: create ingresses (networking.k8s.io)", "+ Group:team-shop shop: update ingresses (networking.k8s.io)"],
            third.Drift.PermissionChanges.Select(c => c.ToString()));
        Assert.Contains(third.Drift.ObjectChanges, c => c.Object == new ObjectReference("RoleBinding", "shop", "shop-editors") && c.Change == ObjectChangeKind.Added);
        Assert.Contains(third.Drift.ObjectChanges, c => c.Object.Name == "wild" && c.Change == ObjectChangeKind.Removed);
    }

    [Fact]
    public void Compare_of_two_recorded_scans_matches_the_drift_recorded_between_them()
    {
        using var file = new StoreFile();
        using var store = file.Open();
        var first = store.Record(FixtureCluster.Scan(1), RetentionPolicy.Default);
        store.Record(FixtureCluster.Scan(2), RetentionPolicy.Default);
        var third = store.Record(FixtureCluster.Scan(3), RetentionPolicy.Default);

        var adjacent = store.Compare(third.Scan.Id - 1, third.Scan.Id);
        var wide = store.Compare(first.Scan.Id, third.Scan.Id);

        Assert.Equal(FixtureCluster.Describe(third.Drift.Findings.Reopened), FixtureCluster.Describe(adjacent.Findings.Reopened));
        Assert.Equal(FixtureCluster.Describe(third.Drift.Findings.New), FixtureCluster.Describe(adjacent.Findings.New));
        Assert.Equal(third.Drift.ObjectChanges.Length, adjacent.ObjectChanges.Length);

        // From day 1 to day 3, promo's host is back where it was and the excepted finding is open: reopened, not new.
        Assert.Equal(["SOD-ING-010 shop/web web"], FixtureCluster.Describe(wide.Findings.Reopened));
        Assert.Equal(1, wide.Findings.Unchanged);
        Assert.DoesNotContain(wide.ObjectChanges, c => c.Object.Name == "promo" && c.Fields.Any(f => f.Path.StartsWith("spec.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Incomplete_scan_resolves_nothing_and_is_never_the_baseline()
    {
        using var file = new StoreFile();
        using var store = file.Open();
        var first = store.Record(FixtureCluster.Scan(1), RetentionPolicy.Default);
        var partial = FixtureCluster.Scan(2) with
        {
            Findings = [],
            Complete = false,
        };

        var second = store.Record(partial, RetentionPolicy.Default);
        var third = store.Record(FixtureCluster.Scan(1) with { StartedAt = FixtureCluster.At(3), FinishedAt = FixtureCluster.At(3) }, RetentionPolicy.Default);

        Assert.Empty(second.Drift.Findings.Resolved);
        Assert.False(second.Drift.Complete);
        Assert.DoesNotContain(store.FindingHistory("fixture"), r => r.State == FindingLifecycleState.Resolved);
        Assert.Equal(first.Scan.Id, third.Drift.Baseline!.ScanId);
        Assert.Empty(third.Drift.Findings.New);
        Assert.Empty(third.Drift.Findings.Resolved);
    }

    [Fact]
    public void Scans_lists_counts_by_severity_and_completeness()
    {
        using var file = new StoreFile();
        using var store = file.Open();
        store.Record(FixtureCluster.Scan(1), RetentionPolicy.Default);
        store.Record(FixtureCluster.Scan(2), RetentionPolicy.Default);

        var scans = store.Scans();

        Assert.Equal([1L, 2L], scans.Select(s => s.Id));
        Assert.All(scans, s => Assert.True(s.Complete));
        Assert.Equal("fixture", scans[0].Cluster);
        Assert.Equal(1, scans[0].Open);
        Assert.Equal(1, scans[0].OpenOf(Severity.High));
        Assert.Equal(1, scans[0].Excepted);
        Assert.Equal(FixtureCluster.At(2), scans[1].StartedAt);
        Assert.Empty(store.Scans("other"));
    }

    [Fact]
    public void Retention_keeps_the_newest_scans_and_the_newest_complete_one()
    {
        using var file = new StoreFile();
        using var store = file.Open();
        var complete = store.Record(FixtureCluster.Scan(1), new RetentionPolicy(2, 365));
        for (var day = 2; day <= 4; day++)
        {
            store.Record(FixtureCluster.Scan(1) with { StartedAt = FixtureCluster.At(day), FinishedAt = FixtureCluster.At(day), Complete = false }, new RetentionPolicy(2, 365));
        }

        Assert.Equal([complete.Scan.Id, 3L, 4L], store.Scans().Select(s => s.Id));
        Assert.Empty(store.Check());

        var last = store.Record(FixtureCluster.Scan(1) with { StartedAt = FixtureCluster.At(200), FinishedAt = FixtureCluster.At(200) }, new RetentionPolicy(2, 30));

        Assert.Equal([last.Scan.Id], store.Scans().Select(s => s.Id));
        Assert.Equal(3, last.Pruned);
        Assert.Null(store.SnapshotOf(complete.Scan.Id));
        Assert.Empty(store.Check());
    }

    [Fact]
    public void Store_is_reopened_with_its_scans_and_schema_version()
    {
        using var file = new StoreFile();
        using (var store = file.Open())
        {
            store.Record(FixtureCluster.Scan(1), RetentionPolicy.Default);
        }

        using var again = ScanStore.OpenExisting(file.Path);

        Assert.Single(again.Scans());
        using var connection = new SqliteConnection($"Data Source={file.Path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT version FROM schema_version";
        Assert.Equal((long)StoreSchema.CurrentVersion, cmd.ExecuteScalar());
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }

    [Fact]
    public void Snapshot_is_stored_compressed_and_read_back()
    {
        using var file = new StoreFile();
        using var store = file.Open();
        var scan = FixtureCluster.Scan(3);

        var recorded = store.Record(scan, RetentionPolicy.Default);
        var snapshot = store.SnapshotOf(recorded.Scan.Id)!;

        Assert.Equal(scan.Snapshot.Digest, snapshot.Digest);
        Assert.Empty(ObjectDiff.Compare(scan.Snapshot, snapshot));
        Assert.Equal(scan.Snapshot.CountsByKind(), snapshot.CountsByKind());
    }

    [Fact]
    public void Missing_store_file_is_a_clear_error_naming_the_file()
    {
        using var file = new StoreFile();

        var error = Assert.Throws<HistoryStoreException>(() => ScanStore.OpenExisting(file.Path));

        Assert.StartsWith($"history store not found: {file.Path}.", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file.Path));
    }

    [Fact]
    public void File_that_is_not_a_database_is_refused_and_left_untouched()
    {
        using var file = new StoreFile();
        Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
        File.WriteAllText(file.Path, "this is not a database, but it is somebody's file\n".PadRight(4096, '.'));
        var before = File.ReadAllBytes(file.Path);

        var error = Assert.Throws<HistoryStoreException>(() => ScanStore.Open(file.Path));

        Assert.Contains($"history store {file.Path} is not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file.Path));
    }

    [Fact]
    public void Sqlite_database_of_another_application_is_refused()
    {
        using var file = new StoreFile();
        Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
        using (var connection = new SqliteConnection($"Data Source={file.Path};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers (id INTEGER)";
            cmd.ExecuteNonQuery();
        }

        var error = Assert.Throws<HistoryStoreException>(() => ScanStore.Open(file.Path));

        Assert.Contains("not a ComplianceScanner history store (it has tables customers)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_written_by_a_newer_scanner_is_refused()
    {
        using var file = new StoreFile();
        using (var store = file.Open())
        {
            store.Record(FixtureCluster.Scan(1), RetentionPolicy.Default);
        }

        using (var connection = new SqliteConnection($"Data Source={file.Path};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "UPDATE schema_version SET version = 99";
            cmd.ExecuteNonQuery();
        }

        var error = Assert.Throws<HistoryStoreException>(() => ScanStore.OpenExisting(file.Path));

        Assert.Contains($"has schema version 99, newer than this scanner's {StoreSchema.CurrentVersion}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_scan_id_and_scans_of_different_clusters_are_clear_errors()
    {
        using var file = new StoreFile();
        using var store = file.Open();
        var a = store.Record(FixtureCluster.Scan(1), RetentionPolicy.Default);
        var b = store.Record(FixtureCluster.Scan(2) with { Cluster = "other" }, RetentionPolicy.Default);

        var unknown = Assert.Throws<HistoryStoreException>(() => store.Compare(a.Scan.Id, 42));
        var clusters = Assert.Throws<HistoryStoreException>(() => store.Compare(a.Scan.Id, b.Scan.Id));

        Assert.StartsWith($"no scan 42 in history store {file.Path}", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("scans 1 (cluster fixture) and 2 (cluster other) are of different clusters; compare scans of one cluster.", clusters.Message);
        Assert.Null(b.Drift.Baseline);
    }
}
