using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ComplianceScanner.History;

/// <summary>
/// The store's schema and its forward migrations. Migration N brings the schema from version N-1 to N; each runs in
/// its own transaction together with the version bump, so a crash mid-migration leaves the previous version intact.
/// Never edit a released migration: add the next one.
/// </summary>
internal static class StoreSchema
{
    /// <summary>The migrations, in order; the schema version is their count.</summary>
    public static ImmutableArray<string> Migrations { get; } =
    [
        // 1: scans, findings with their lifecycle, per-scan finding lists, exceptions, snapshots.
        """
        CREATE TABLE scans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            cluster TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            complete INTEGER NOT NULL,
            snapshot_digest TEXT NOT NULL,
            config_digest TEXT NOT NULL,
            ruleset_version TEXT NOT NULL,
            scanner_version TEXT NOT NULL,
            sources TEXT NOT NULL,
            total INTEGER NOT NULL,
            open INTEGER NOT NULL,
            excepted INTEGER NOT NULL,
            builtin INTEGER NOT NULL,
            open_critical INTEGER NOT NULL,
            open_high INTEGER NOT NULL,
            open_medium INTEGER NOT NULL,
            open_low INTEGER NOT NULL,
            open_info INTEGER NOT NULL
        );
        CREATE INDEX scans_by_cluster ON scans (cluster, id);
        CREATE TABLE exceptions (
            id INTEGER PRIMARY KEY,
            reason TEXT NOT NULL,
            approved_by TEXT NOT NULL,
            expires TEXT NOT NULL,
            UNIQUE (reason, approved_by, expires)
        );
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            cluster TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            title TEXT NOT NULL,
            severity INTEGER NOT NULL,
            layer TEXT NOT NULL,
            object_kind TEXT,
            object_namespace TEXT,
            object_name TEXT,
            subject_kind TEXT,
            subject_namespace TEXT,
            subject_name TEXT,
            key TEXT NOT NULL,
            message TEXT NOT NULL,
            latest_state INTEGER NOT NULL,
            exception_id INTEGER REFERENCES exceptions (id),
            state TEXT NOT NULL CHECK (state IN ('open', 'resolved', 'excepted', 'reopened', 'builtin')),
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            resolved_at TEXT,
            first_scan INTEGER NOT NULL,
            last_scan INTEGER NOT NULL,
            times_reopened INTEGER NOT NULL DEFAULT 0,
            UNIQUE (cluster, fingerprint)
        );
        CREATE TABLE scan_findings (
            scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            finding_id INTEGER NOT NULL REFERENCES findings (id),
            state INTEGER NOT NULL,
            severity INTEGER NOT NULL,
            exception_id INTEGER REFERENCES exceptions (id),
            PRIMARY KEY (scan_id, finding_id)
        ) WITHOUT ROWID;
        CREATE TABLE snapshots (
            scan_id INTEGER PRIMARY KEY REFERENCES scans (id) ON DELETE CASCADE,
            encoding TEXT NOT NULL,
            raw_size INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        """,

        // 2: the alert outbox. One row per (sink, finding transition), written before anything is sent and marked
        // delivered only after the receiver accepted it; no foreign key to scans, because retention may prune a scan
        // while its alerts still wait for a receiver that is down.
        """
        CREATE TABLE alert_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            idempotency_key TEXT NOT NULL UNIQUE,
            sink TEXT NOT NULL,
            scan_id INTEGER NOT NULL,
            cluster TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            transition TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT,
            batch_key TEXT,
            delivered_at TEXT
        );
        CREATE INDEX alert_outbox_by_sink ON alert_outbox (sink, delivered_at, id);
        CREATE TABLE alert_scans (
            scan_id INTEGER NOT NULL,
            sink TEXT NOT NULL,
            enqueued_at TEXT NOT NULL,
            PRIMARY KEY (scan_id, sink)
        ) WITHOUT ROWID;
        """,

        // 3: the files a scan keeps for its evidence (config, templates, report), stored once per content; and the
        // evidence bundles written, so the next bundle of a cluster chains to the previous one's digest.
        """
        CREATE TABLE blobs (
            id INTEGER PRIMARY KEY,
            digest TEXT NOT NULL UNIQUE,
            encoding TEXT NOT NULL,
            raw_size INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        CREATE TABLE scan_files (
            scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            blob_id INTEGER NOT NULL REFERENCES blobs (id),
            PRIMARY KEY (scan_id, path)
        ) WITHOUT ROWID;
        CREATE INDEX scan_files_by_blob ON scan_files (blob_id);
        CREATE TABLE bundles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            cluster TEXT NOT NULL,
            scan_id INTEGER NOT NULL,
            digest TEXT NOT NULL,
            file_name TEXT NOT NULL,
            key_fingerprint TEXT NOT NULL,
            UNIQUE (cluster, scan_id, digest)
        );
        CREATE INDEX bundles_by_cluster ON bundles (cluster, scan_id);
        """,

        // 4: the signature of each bundle manifest, by manifest digest and key. ECDSA signing draws a random nonce, so
        // re-creating a scan's bundle reuses the stored signature to give the same bytes (see EvidenceBundleWriter).
        """
        CREATE TABLE bundle_signatures (
            manifest_digest TEXT NOT NULL,
            key_fingerprint TEXT NOT NULL,
            signature BLOB NOT NULL,
            PRIMARY KEY (manifest_digest, key_fingerprint)
        ) WITHOUT ROWID;
        """,

        // 5: scheduled report deliveries. One row per (schedule, audience, window), inserted before the message is sent
        // (the unique key is the claim: a second replica or a restart finds it) and marked sent after the server accepted
        // it. The row keeps the rendered message, so a retry or a resend after a crash sends the same bytes and Message-ID.
        """
        CREATE TABLE report_deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            schedule TEXT NOT NULL,
            audience TEXT NOT NULL,
            window_start TEXT NOT NULL,
            message_id TEXT NOT NULL,
            scan_id INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'skipped')),
            recipients TEXT NOT NULL,
            message BLOB,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            claimed_until TEXT,
            last_error TEXT,
            sent_at TEXT,
            UNIQUE (schedule, audience, window_start)
        );
        CREATE INDEX report_deliveries_due ON report_deliveries (state, next_attempt_at);
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Reads the schema version (0 for an empty database) and applies the missing migrations.</summary>
    /// <exception cref="HistoryStoreException">The file is not a store, or was written by a newer scanner.</exception>
    public static void Migrate(SqliteConnection connection, string path)
    {
        var version = ReadVersion(connection, path);
        if (version > CurrentVersion)
        {
            throw new HistoryStoreException(
                $"history store {path} has schema version {version}, newer than this scanner's {CurrentVersion}: it was written by a newer scanner. Hint: upgrade the scanner, or use another --store file.");
        }

        for (var v = version; v < CurrentVersion; v++)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = Migrations[v] + string.Create(CultureInfo.InvariantCulture, $"\nDELETE FROM schema_version;\nINSERT INTO schema_version (version) VALUES ({v + 1});");
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    private static int ReadVersion(SqliteConnection connection, string path)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (!tables.Contains("schema_version"))
        {
            if (tables.Count > 0)
            {
                throw new HistoryStoreException(
                    $"{path} is a SQLite database but not a ComplianceScanner history store (it has tables {string.Join(", ", tables.Order(StringComparer.Ordinal))}). Hint: pass another --store file.");
            }

            cmd.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version (version) VALUES (0);";
            cmd.ExecuteNonQuery();
            return 0;
        }

        cmd.CommandText = "SELECT version FROM schema_version";
        return cmd.ExecuteScalar() is long v ? (int)v : 0;
    }
}
