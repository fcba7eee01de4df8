using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ComplianceScanner.History.Deliveries;

/// <summary>
/// The scheduled report deliveries in the history store. A delivery is claimed by inserting its row (unique on
/// schedule, audience and window) in a transaction before anything is sent, and marked sent after the server accepted
/// it; so a second replica or a restart finds the row and does not send again. A pending row carries a lease
/// (<c>claimed_until</c>): while it runs, nobody else sends it; when its holder died between the server's acceptance
/// and the mark, the row is sent again after the lease, with the same stored bytes and Message-ID.
/// </summary>
/// <remarks>Uses its own connection to the store file, with the store's durability settings (WAL, synchronous=FULL). Not thread-safe.</remarks>
public sealed class ReportDeliveryStore : IDisposable
{
    private const string Columns = "id, schedule, audience, window_start, message_id, scan_id, state, recipients, created_at, attempts, next_attempt_at, last_error, sent_at";

    private readonly SqliteConnection connection;

    private ReportDeliveryStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>Opens the deliveries of the store at <paramref name="path"/>, creating and migrating the store when needed.</summary>
    /// <exception cref="HistoryStoreException">The file is not a store, is damaged, or cannot be created.</exception>
    public static ReportDeliveryStore Open(string path)
    {
        // Opening the store applies the migrations (the deliveries table is migration 3) and sets WAL mode on the file.
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
            return new ReportDeliveryStore(connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new HistoryStoreException($"history store {path}: cannot open the report deliveries: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Claims a delivery in one write transaction: inserts it as pending, held until <paramref name="now"/> +
    /// <paramref name="lease"/>. When the row exists, takes it over only if it is pending, due and its lease has run out.
    /// </summary>
    public ReportDeliveryClaim Claim(NewReportDelivery delivery, DateTimeOffset now, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return Guard(() =>
        {
            using var tx = connection.BeginTransaction(deferred: false);
            using var insert = Command(tx, """
                INSERT INTO report_deliveries (schedule, audience, window_start, message_id, scan_id, state, recipients, message, created_at, next_attempt_at, claimed_until)
                VALUES ($schedule, $audience, $window, $mid, $scan, 'pending', $recipients, $message, $now, $now, $until)
                ON CONFLICT (schedule, audience, window_start) DO NOTHING
                """);
            AddKey(insert, delivery.Schedule, delivery.Audience, delivery.WindowStart);
            insert.Parameters.AddWithValue("$mid", delivery.MessageId);
            insert.Parameters.AddWithValue("$scan", delivery.ScanId);
            insert.Parameters.AddWithValue("$recipients", string.Join('\n', delivery.Recipients));
            insert.Parameters.Add("$message", SqliteType.Blob).Value = ImmutableCollectionsMarshal.AsArray(delivery.Message) ?? [];
            insert.Parameters.AddWithValue("$now", StoreTime.Format(now));
            insert.Parameters.AddWithValue("$until", StoreTime.Format(now + lease));
            var inserted = insert.ExecuteNonQuery() == 1;
            var claimed = inserted || TakeOver(tx, delivery.Schedule, delivery.Audience, delivery.WindowStart, now, lease);
            var row = Find(tx, delivery.Schedule, delivery.Audience, delivery.WindowStart, withMessage: claimed)!;
            tx.Commit();
            return new ReportDeliveryClaim(row, claimed, inserted);
        });
    }

    /// <summary>
    /// Takes over an existing pending row that is due and not held (its sender failed, or died after the server accepted
    /// it): returns it with its stored message, now held by this caller; null when it cannot be taken.
    /// </summary>
    public ReportDelivery? TakeOver(string schedule, string audience, DateTimeOffset windowStart, DateTimeOffset now, TimeSpan lease) => Guard(() =>
    {
        using var tx = connection.BeginTransaction(deferred: false);
        var taken = TakeOver(tx, schedule, audience, windowStart, now, lease) ? Find(tx, schedule, audience, windowStart, withMessage: true) : null;
        tx.Commit();
        return taken;
    });

    /// <summary>Records that the window had nothing to report for the audience (no message). Does nothing when the row exists.</summary>
    public ReportDelivery RecordSkipped(string schedule, string audience, DateTimeOffset windowStart, string messageId, long scanId, DateTimeOffset now) => Guard(() =>
    {
        using var tx = connection.BeginTransaction(deferred: false);
        using var insert = Command(tx, """
            INSERT INTO report_deliveries (schedule, audience, window_start, message_id, scan_id, state, recipients, created_at, next_attempt_at)
            VALUES ($schedule, $audience, $window, $mid, $scan, 'skipped', '', $now, $now)
            ON CONFLICT (schedule, audience, window_start) DO NOTHING
            """);
        AddKey(insert, schedule, audience, windowStart);
        insert.Parameters.AddWithValue("$mid", messageId);
        insert.Parameters.AddWithValue("$scan", scanId);
        insert.Parameters.AddWithValue("$now", StoreTime.Format(now));
        insert.ExecuteNonQuery();
        var row = Find(tx, schedule, audience, windowStart, withMessage: false)!;
        tx.Commit();
        return row;
    });

    /// <summary>The row of one (schedule, audience, window), without its message; null when never claimed.</summary>
    public ReportDelivery? Find(string schedule, string audience, DateTimeOffset windowStart) =>
        Guard(() => Find(null, schedule, audience, windowStart, withMessage: false));

    /// <summary>Claims every pending row that is due and not held (oldest first, at most <paramref name="limit"/>), with their messages.</summary>
    public ImmutableArray<ReportDelivery> ClaimDue(DateTimeOffset now, TimeSpan lease, int limit) => Guard(() =>
    {
        using var tx = connection.BeginTransaction(deferred: false);
        var due = Read(tx, "WHERE state = 'pending' AND next_attempt_at <= $now AND (claimed_until IS NULL OR claimed_until <= $now) ORDER BY window_start, id LIMIT $limit", withMessage: true, ("$now", StoreTime.Format(now)), ("$limit", limit));
        using var update = Command(tx, "UPDATE report_deliveries SET claimed_until = $until WHERE id = $id");
        update.Parameters.AddWithValue("$until", StoreTime.Format(now + lease));
        var id = update.Parameters.Add("$id", SqliteType.Integer);
        foreach (var row in due)
        {
            id.Value = row.Id;
            update.ExecuteNonQuery();
        }

        tx.Commit();
        return due;
    });

    /// <summary>Marks the delivery sent: the server accepted its message.</summary>
    public void MarkSent(long id, DateTimeOffset at) => Execute(
        "UPDATE report_deliveries SET state = 'sent', sent_at = $at, last_error = NULL, claimed_until = NULL WHERE id = $id AND state = 'pending'",
        ("$id", id),
        ("$at", StoreTime.Format(at)));

    /// <summary>Records a failed attempt and releases the claim: one more attempt, the error, and when to try again.</summary>
    public void MarkFailed(long id, DateTimeOffset nextAttempt, string error) => Execute(
        "UPDATE report_deliveries SET attempts = attempts + 1, next_attempt_at = $next, last_error = $error, claimed_until = NULL WHERE id = $id AND state = 'pending'",
        ("$id", id),
        ("$next", StoreTime.Format(nextAttempt)),
        ("$error", error));

    /// <summary>The audience's latest delivery that was sent (or skipped: nothing had changed), before <paramref name="windowStart"/>; null when none.</summary>
    public ReportDelivery? LastDelivered(string schedule, string audience, DateTimeOffset windowStart) => Guard(() =>
        Read(null, "WHERE schedule = $schedule AND audience = $audience AND state IN ('sent', 'skipped') AND window_start < $window ORDER BY window_start DESC LIMIT 1", withMessage: false, ("$schedule", schedule), ("$audience", audience), ("$window", StoreTime.Format(windowStart)))
            .FirstOrDefault());

    /// <summary>Every delivery (of one schedule, or all), newest window first, at most <paramref name="limit"/>; without messages.</summary>
    public ImmutableArray<ReportDelivery> List(string? schedule = null, int limit = 1000) => Guard(() => schedule is null
        ? Read(null, "ORDER BY window_start DESC, id DESC LIMIT $limit", withMessage: false, ("$limit", limit))
        : Read(null, "WHERE schedule = $schedule ORDER BY window_start DESC, id DESC LIMIT $limit", withMessage: false, ("$schedule", schedule), ("$limit", limit)));

    /// <summary>How many deliveries wait to be sent (being sent or waiting for a retry).</summary>
    public int PendingCount() => Guard(() =>
    {
        using var cmd = Command(null, "SELECT COUNT(*) FROM report_deliveries WHERE state = 'pending'");
        return checked((int)(long)cmd.ExecuteScalar()!);
    });

    public void Dispose() => connection.Dispose();

    private bool TakeOver(SqliteTransaction tx, string schedule, string audience, DateTimeOffset windowStart, DateTimeOffset now, TimeSpan lease)
    {
        using var update = Command(tx, """
            UPDATE report_deliveries SET claimed_until = $until
            WHERE schedule = $schedule AND audience = $audience AND window_start = $window
              AND state = 'pending' AND next_attempt_at <= $now AND (claimed_until IS NULL OR claimed_until <= $now)
            """);
        AddKey(update, schedule, audience, windowStart);
        update.Parameters.AddWithValue("$now", StoreTime.Format(now));
        update.Parameters.AddWithValue("$until", StoreTime.Format(now + lease));
        return update.ExecuteNonQuery() == 1;
    }

    private ReportDelivery? Find(SqliteTransaction? tx, string schedule, string audience, DateTimeOffset windowStart, bool withMessage) =>
        Read(tx, "WHERE schedule = $schedule AND audience = $audience AND window_start = $window", withMessage, ("$schedule", schedule), ("$audience", audience), ("$window", StoreTime.Format(windowStart)))
            .FirstOrDefault();

    private ImmutableArray<ReportDelivery> Read(SqliteTransaction? tx, string where, bool withMessage, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(tx, "SELECT " + Columns + (withMessage ? ", message" : string.Empty) + " FROM report_deliveries " + where);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        var result = ImmutableArray.CreateBuilder<ReportDelivery>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var recipients = r.GetString(7);
            result.Add(new ReportDelivery
            {
                Id = r.GetInt64(0),
                Schedule = r.GetString(1),
                Audience = r.GetString(2),
                WindowStart = StoreTime.Parse(r.GetString(3)),
                MessageId = r.GetString(4),
                ScanId = r.GetInt64(5),
                State = r.GetString(6) switch
                {
                    "sent" => ReportDeliveryState.Sent,
                    "skipped" => ReportDeliveryState.Skipped,
                    _ => ReportDeliveryState.Pending,
                },
                Recipients = recipients.Length == 0 ? [] : [.. recipients.Split('\n')],
                CreatedAt = StoreTime.Parse(r.GetString(8)),
                Attempts = r.GetInt32(9),
                NextAttemptAt = StoreTime.Parse(r.GetString(10)),
                LastError = r.IsDBNull(11) ? null : r.GetString(11),
                SentAt = r.IsDBNull(12) ? null : StoreTime.Parse(r.GetString(12)),
                Message = withMessage && !r.IsDBNull(13) ? ImmutableCollectionsMarshal.AsImmutableArray((byte[])r.GetValue(13)) : [],
            });
        }

        return result.ToImmutable();
    }

    private static void AddKey(SqliteCommand cmd, string schedule, string audience, DateTimeOffset windowStart)
    {
        cmd.Parameters.AddWithValue("$schedule", schedule);
        cmd.Parameters.AddWithValue("$audience", audience);
        cmd.Parameters.AddWithValue("$window", StoreTime.Format(windowStart));
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters) => Guard(() =>
    {
        using var tx = connection.BeginTransaction(deferred: false);
        using var cmd = Command(tx, sql);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        cmd.ExecuteNonQuery();
        tx.Commit();
        return 0;
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
            throw new HistoryStoreException($"history store {connection.DataSource}: report deliveries: {ex.Message}", ex);
        }
    }
}
