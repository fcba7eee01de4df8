using ComplianceScanner.History.Outbox;
using Microsoft.Data.Sqlite;

namespace ComplianceScanner.History.Tests.Outbox;

public sealed class AlertOutboxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Store_of_schema_version_1_with_scans_gets_the_outbox_tables_and_keeps_its_scans()
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
            cmd.CommandText = "DROP TABLE alert_outbox; DROP TABLE alert_scans; DROP TABLE IF EXISTS report_deliveries; UPDATE schema_version SET version = 1;";
            cmd.ExecuteNonQuery();
        }

        using (var outbox = AlertOutbox.Open(file.Path))
        {
            Assert.Equal(1, outbox.Enqueue(1, "fixture", ["hook"], [Item("k1")], T0));
        }

        using var reopened = ScanStore.OpenExisting(file.Path);
        Assert.Single(reopened.Scans());
        Assert.Empty(reopened.Check());
    }

    [Fact]
    public void Enqueue_skips_known_keys_and_records_the_scan_for_every_sink()
    {
        using var file = new StoreFile();
        using var outbox = AlertOutbox.Open(file.Path);

        var first = outbox.Enqueue(7, "c", ["a", "b"], [Item("k1"), Item("k2")], T0);
        var second = outbox.Enqueue(7, "c", ["a", "b"], [Item("k1"), Item("k2"), Item("k3")], T0.AddMinutes(1));

        Assert.Equal((2, 1), (first, second));
        Assert.Equal(["k1", "k2", "k3"], outbox.All().Select(e => e.IdempotencyKey));
        Assert.True(outbox.WasEnqueued(7, "b"));
        Assert.False(outbox.WasEnqueued(8, "a"));
        Assert.Equal(T0, outbox.All()[0].NextAttemptAt);
    }

    [Fact]
    public void Claimed_rows_cannot_be_claimed_again_until_the_claim_runs_out()
    {
        using var file = new StoreFile();
        using var outbox = AlertOutbox.Open(file.Path);
        outbox.Enqueue(1, "c", ["a"], [Item("k1"), Item("k2")], T0);
        var ids = outbox.Pending("a", 10).Select(e => e.Id).ToList();

        Assert.True(outbox.Claim(ids, T0, T0.AddMinutes(1)));
        Assert.False(outbox.Claim(ids, T0.AddSeconds(30), T0.AddMinutes(2)));
        Assert.False(outbox.Claim([ids[0]], T0.AddSeconds(30), T0.AddMinutes(2)));
        Assert.True(outbox.Claim(ids, T0.AddMinutes(1), T0.AddMinutes(3)));
    }

    [Fact]
    public void Failures_count_attempts_and_deliveries_count_messages_for_the_rate_limit()
    {
        using var file = new StoreFile();
        using var outbox = AlertOutbox.Open(file.Path);
        outbox.Enqueue(1, "c", ["a"], [Item("k1"), Item("k2"), Item("k3")], T0);
        var ids = outbox.Pending("a", 10).Select(e => e.Id).ToList();

        outbox.MarkFailed(ids, T0.AddMinutes(5), "receiver answered 500");
        outbox.MarkFailed(ids[..1], T0.AddMinutes(10), "receiver answered 503");
        outbox.MarkDelivered(ids[..2], "batch-1", T0.AddMinutes(10));
        outbox.MarkDelivered(ids[2..], "batch-2", T0.AddMinutes(11));

        var rows = outbox.All();
        Assert.Equal([2, 1, 1], rows.Select(r => r.Attempts));
        Assert.All(rows, r => Assert.Null(r.LastError));
        Assert.Equal(0, outbox.PendingCount());
        Assert.Equal(2, outbox.MessagesDeliveredSince("a", T0.AddMinutes(10)));
        Assert.Equal(1, outbox.MessagesDeliveredSince("a", T0.AddMinutes(10.5)));
        Assert.Equal(2, outbox.PruneDelivered(T0.AddMinutes(10.5)));
        Assert.Single(outbox.All());
    }

    private static OutboxItem Item(string key) => new(key, "a", "fp-" + key, "new", "{}");
}
