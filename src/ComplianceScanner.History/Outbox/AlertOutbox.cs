using System.Collections.Immutable;
using Microsoft.Data.Sqlite;

namespace ComplianceScanner.History.Outbox;

/// <summary>
/// The alert outbox in the history store: alerts are written here before anything is sent and marked delivered only
/// after the receiver accepted them, so a receiver that is down, or a process killed mid-delivery, loses nothing.
/// Rows stay (marked delivered) for a while after delivery: they are the rate limiter's memory and show what was sent.
/// </summary>
/// <remarks>Uses its own connection to the store file, with the store's durability settings (WAL, synchronous=FULL). Not thread-safe.</remarks>
public sealed class AlertOutbox : IDisposable
{
    private readonly SqliteConnection connection;

    private AlertOutbox(SqliteConnection connection) => this.connection = connection;

    /// <summary>Opens the outbox of the store at <paramref name="path"/>, creating and migrating the store when needed.</summary>
    /// <exception cref="HistoryStoreException">The file is not a store, is damaged, or cannot be created.</exception>
    public static AlertOutbox Open(string path)
    {
        // Opening the store applies the migrations (the outbox tables are migration 2) and sets WAL mode on the file.
        using (ScanStore.Open(path))
        {
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
            cmd.ExecuteNonQuery();
            return new AlertOutbox(connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new HistoryStoreException($"history store {path}: cannot open the alert outbox: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Adds the items of one scan in one transaction and records, per sink, that the scan was enqueued. Items whose
    /// idempotency key is already present are skipped, so enqueueing a scan twice never sends twice. Returns how many
    /// rows were added.
    /// </summary>
    public int Enqueue(long scanId, string cluster, IEnumerable<string> sinks, IEnumerable<OutboxItem> items, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(items);
        return Guard(() =>
        {
            using var tx = connection.BeginTransaction(deferred: false);
            using var insert = Command(tx, """
                INSERT INTO alert_outbox (idempotency_key, sink, scan_id, cluster, fingerprint, transition, payload, created_at, next_attempt_at)
                VALUES ($key, $sink, $scan, $cluster, $fp, $transition, $payload, $now, $now)
                ON CONFLICT (idempotency_key) DO NOTHING
                """);
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var sink = insert.Parameters.Add("$sink", SqliteType.Text);
            var fp = insert.Parameters.Add("$fp", SqliteType.Text);
            var transition = insert.Parameters.Add("$transition", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Text);
            insert.Parameters.AddWithValue("$scan", scanId);
            insert.Parameters.AddWithValue("$cluster", cluster);
            insert.Parameters.AddWithValue("$now", StoreTime.Format(now));
            insert.Prepare();
            var added = 0;
            foreach (var item in items)
            {
                key.Value = item.IdempotencyKey;
                sink.Value = item.Sink;
                fp.Value = item.Fingerprint;
                transition.Value = item.Transition;
                payload.Value = item.Payload;
                added += insert.ExecuteNonQuery();
            }

            using var mark = Command(tx, "INSERT INTO alert_scans (scan_id, sink, enqueued_at) VALUES ($scan, $sink, $now) ON CONFLICT DO NOTHING");
            var markSink = mark.Parameters.Add("$sink", SqliteType.Text);
            mark.Parameters.AddWithValue("$scan", scanId);
            mark.Parameters.AddWithValue("$now", StoreTime.Format(now));
            foreach (var name in sinks)
            {
                markSink.Value = name;
                mark.ExecuteNonQuery();
            }

            tx.Commit();
            return added;
        });
    }

    /// <summary>True when the scan's alerts for that sink were enqueued (even if there were none).</summary>
    public bool WasEnqueued(long scanId, string sink) => Guard(() =>
    {
        using var cmd = Command(null, "SELECT COUNT(*) FROM alert_scans WHERE scan_id = $scan AND sink = $sink");
        cmd.Parameters.AddWithValue("$scan", scanId);
        cmd.Parameters.AddWithValue("$sink", sink);
        return (long)cmd.ExecuteScalar()! > 0;
    });

    /// <summary>The sink's undelivered rows in the order they were enqueued, at most <paramref name="limit"/>.</summary>
    public ImmutableArray<OutboxEntry> Pending(string sink, int limit) => Read(
        "WHERE sink = $sink AND delivered_at IS NULL ORDER BY id LIMIT $limit",
        ("$sink", sink),
        ("$limit", limit));

    /// <summary>Every row of the sink (or of all sinks), delivered or not, in enqueue order.</summary>
    public ImmutableArray<OutboxEntry> All(string? sink = null) =>
        sink is null ? Read("ORDER BY id") : Read("WHERE sink = $sink ORDER BY id", ("$sink", sink));

    /// <summary>How many rows wait for delivery, for one sink or all.</summary>
    public int PendingCount(string? sink = null) => Guard(() =>
    {
        using var cmd = Command(null, "SELECT COUNT(*) FROM alert_outbox WHERE delivered_at IS NULL" + (sink is null ? string.Empty : " AND sink = $sink"));
        if (sink is not null)
        {
            cmd.Parameters.AddWithValue("$sink", sink);
        }

        return checked((int)(long)cmd.ExecuteScalar()!);
    });

    /// <summary>
    /// Claims rows for one delivery attempt: moves their next attempt to <paramref name="until"/>, all or none, and only
    /// if each is still undelivered and due at <paramref name="now"/>. Another process delivering from the same store
    /// then skips them; a process killed while holding them leaves them due again at <paramref name="until"/>.
    /// Returns false when some row was taken by someone else (nothing is claimed then).
    /// </summary>
    public bool Claim(IReadOnlyCollection<long> ids, DateTimeOffset now, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return Guard(() =>
        {
            using var tx = connection.BeginTransaction(deferred: false);
            using var cmd = Command(tx, "UPDATE alert_outbox SET next_attempt_at = $until WHERE id = $id AND delivered_at IS NULL AND next_attempt_at <= $now");
            cmd.Parameters.AddWithValue("$until", StoreTime.Format(until));
            cmd.Parameters.AddWithValue("$now", StoreTime.Format(now));
            var id = cmd.Parameters.Add("$id", SqliteType.Integer);
            cmd.Prepare();
            var claimed = 0;
            foreach (var value in ids)
            {
                id.Value = value;
                claimed += cmd.ExecuteNonQuery();
            }

            if (claimed != ids.Count)
            {
                tx.Rollback();
                return false;
            }

            tx.Commit();
            return true;
        });
    }

    /// <summary>Marks rows delivered (the receiver accepted the message <paramref name="batchKey"/> that carried them).</summary>
    public void MarkDelivered(IEnumerable<long> ids, string batchKey, DateTimeOffset at) => Update(
        ids,
        "UPDATE alert_outbox SET delivered_at = $at, batch_key = $batch, last_error = NULL WHERE id = $id AND delivered_at IS NULL",
        ("$at", StoreTime.Format(at)),
        ("$batch", batchKey));

    /// <summary>Records a failed attempt: one more attempt, the (redacted) error, and when to try again.</summary>
    public void MarkFailed(IEnumerable<long> ids, DateTimeOffset nextAttempt, string error) => Update(
        ids,
        "UPDATE alert_outbox SET attempts = attempts + 1, next_attempt_at = $next, last_error = $error WHERE id = $id AND delivered_at IS NULL",
        ("$next", StoreTime.Format(nextAttempt)),
        ("$error", error));

    /// <summary>Messages (not rows) the sink accepted at or after <paramref name="since"/>: what the rate limit counts.</summary>
    public int MessagesDeliveredSince(string sink, DateTimeOffset since) => Guard(() =>
    {
        using var cmd = Command(null, "SELECT COUNT(DISTINCT batch_key) FROM alert_outbox WHERE sink = $sink AND delivered_at >= $since");
        cmd.Parameters.AddWithValue("$sink", sink);
        cmd.Parameters.AddWithValue("$since", StoreTime.Format(since));
        return checked((int)(long)cmd.ExecuteScalar()!);
    });

    /// <summary>When each finding of the cluster was first seen, by fingerprint (from the store's finding lifecycles).</summary>
    public ImmutableDictionary<string, DateTimeOffset> FirstSeen(string cluster) => Guard(() =>
    {
        using var cmd = Command(null, "SELECT fingerprint, first_seen FROM findings WHERE cluster = $cluster");
        cmd.Parameters.AddWithValue("$cluster", cluster);
        var result = ImmutableDictionary.CreateBuilder<string, DateTimeOffset>(StringComparer.Ordinal);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result[r.GetString(0)] = StoreTime.Parse(r.GetString(1));
        }

        return result.ToImmutable();
    });

    /// <summary>Deletes delivered rows older than <paramref name="before"/>; returns how many.</summary>
    public int PruneDelivered(DateTimeOffset before) => Guard(() =>
    {
        using var cmd = Command(null, "DELETE FROM alert_outbox WHERE delivered_at IS NOT NULL AND delivered_at < $before");
        cmd.Parameters.AddWithValue("$before", StoreTime.Format(before));
        var deleted = cmd.ExecuteNonQuery();
        cmd.CommandText = "DELETE FROM alert_scans WHERE enqueued_at < $before";
        cmd.ExecuteNonQuery();
        return deleted;
    });

    public void Dispose() => connection.Dispose();

    private void Update(IEnumerable<long> ids, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(ids);
        Guard(() =>
        {
            using var tx = connection.BeginTransaction(deferred: false);
            using var cmd = Command(tx, sql);
            foreach (var (name, value) in parameters)
            {
                cmd.Parameters.AddWithValue(name, value);
            }

            var id = cmd.Parameters.Add("$id", SqliteType.Integer);
            cmd.Prepare();
            foreach (var value in ids)
            {
                id.Value = value;
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
            return 0;
        });
    }

    private ImmutableArray<OutboxEntry> Read(string where, params (string Name, object Value)[] parameters) => Guard(() =>
    {
        using var cmd = Command(null, """
            SELECT id, idempotency_key, sink, scan_id, cluster, fingerprint, transition, payload, created_at, attempts, next_attempt_at, last_error, delivered_at
            FROM alert_outbox
            """ + "\n" + where);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        var result = ImmutableArray.CreateBuilder<OutboxEntry>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new OutboxEntry
            {
                Id = r.GetInt64(0),
                IdempotencyKey = r.GetString(1),
                Sink = r.GetString(2),
                ScanId = r.GetInt64(3),
                Cluster = r.GetString(4),
                Fingerprint = r.GetString(5),
                Transition = r.GetString(6),
                Payload = r.GetString(7),
                CreatedAt = StoreTime.Parse(r.GetString(8)),
                Attempts = r.GetInt32(9),
                NextAttemptAt = StoreTime.Parse(r.GetString(10)),
                LastError = r.IsDBNull(11) ? null : r.GetString(11),
                DeliveredAt = r.IsDBNull(12) ? null : StoreTime.Parse(r.GetString(12)),
            });
        }

        return result.ToImmutable();
    });

    private SqliteCommand Command(SqliteTransaction? tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            throw new HistoryStoreException($"history store {connection.DataSource}: alert outbox: {ex.Message}", ex);
        }
    }
}
