using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Duties;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Layers;
using ComplianceScanner.Core.Model;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Snapshot;
using Microsoft.Data.Sqlite;

namespace ComplianceScanner.History;

/// <summary>
/// The scan history: a SQLite file holding every recorded scan with its counts, the findings it saw, its compressed
/// snapshot, and each finding's lifecycle (first seen, last seen, resolved at, state) per cluster.
/// </summary>
/// <remarks>
/// <para>
/// Durability: the database runs in WAL mode with <c>synchronous=FULL</c>, and one scan is written in one
/// transaction. A process killed at any point (kill -9) leaves either the whole scan or none of it, and the next open
/// recovers from the WAL; FULL (an fsync of the WAL at every commit, once per scan) also keeps a scan the caller was
/// told is recorded across a power loss, which NORMAL would not.
/// </para>
/// <para>Not thread-safe: use one instance per thread. Several processes may share a file; writers queue on the lock.</para>
/// </remarks>
public sealed class ScanStore : IDisposable
{
    private static readonly Severity[] WorstFirst = [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info];

    private readonly SqliteConnection connection;

    private ScanStore(string path, SqliteConnection connection)
    {
        Path = path;
        this.connection = connection;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens the store, creating the file (and its directory) when missing, and applies pending migrations.</summary>
    /// <exception cref="HistoryStoreException">The file is not a store, is damaged, or cannot be created.</exception>
    public static ScanStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HistoryStoreException($"cannot create the directory of history store {path}: {ex.Message}", ex);
        }

        return Connect(path, full, SqliteOpenMode.ReadWriteCreate);
    }

    /// <summary>Opens an existing store (for reading history); never creates one.</summary>
    /// <exception cref="HistoryStoreException">The file does not exist, is not a store, or is damaged.</exception>
    public static ScanStore OpenExisting(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new HistoryStoreException($"history store not found: {path}. Hint: record scans with 'scan --store {path}' first, or check the path.");
        }

        return Connect(path, full, SqliteOpenMode.ReadWrite);
    }

    /// <summary>
    /// Records a finished scan in one transaction: the scan with its counts, its findings, the finding lifecycles, and
    /// its compressed snapshot; then prunes scans beyond <paramref name="retention"/>. Returns the drift against the
    /// previous complete scan of the same cluster.
    /// </summary>
    /// <param name="scan">The finished scan.</param>
    /// <param name="retention">Which older scans to keep.</param>
    /// <param name="currentPermissions">The scan's permission index when already built (saves rebuilding it for the permission drift).</param>
    /// <param name="currentDuties">The scan's duty analysis against <see cref="ScanRecording.Config"/> when already built.</param>
    public RecordedScan Record(ScanRecording scan, RetentionPolicy retention, PermissionIndex? currentPermissions = null, DutyAnalysis? currentDuties = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(retention);

        // Everything slow happens outside the write lock.
        var blob = SnapshotCodec.Encode(scan.Snapshot, out var rawSize);
        var current = scan.Findings.GroupBy(f => f.Fingerprint, StringComparer.Ordinal).Select(g => g.First()).ToImmutableArray();
        var files = EncodeFiles(scan.Files);

        StoredScan stored;
        StoredScan? baseline;
        ImmutableArray<ScanFinding> previousFindings = [];
        ClusterSnapshot? previousSnapshot = null;
        var sameSnapshot = false;
        Dictionary<string, FindingRecord> records;
        int pruned;
        using (var tx = Guard(() => connection.BeginTransaction(deferred: false)))
        {
            baseline = LatestComplete(scan.Cluster, tx);
            if (baseline is not null)
            {
                previousFindings = FindingsOf(baseline.Id, tx);

                // The same input digest means the same objects: nothing to decode and compare.
                sameSnapshot = scan.Snapshot.Digest.Length > 0 && string.Equals(baseline.SnapshotDigest, scan.Snapshot.Digest, StringComparison.Ordinal);
                previousSnapshot = sameSnapshot ? null : SnapshotOf(baseline.Id, tx);
            }

            var rows = LoadRecords(scan.Cluster, tx);
            records = rows.ToDictionary(r => r.Key, r => r.Value.Record, StringComparer.Ordinal);
            stored = InsertScan(scan, current, tx);
            var update = FindingLifecycle.Advance(records, current, stored.Id, scan.FinishedAt, scan.Complete);
            var ids = WriteRecords(scan.Cluster, update.Records, rows, tx);
            WriteScanFindings(stored.Id, current, ids, tx);
            Execute(tx, "INSERT INTO snapshots (scan_id, encoding, raw_size, data) VALUES ($id, $encoding, $raw, $data)", ("$id", stored.Id), ("$encoding", SnapshotCodec.Encoding), ("$raw", rawSize), ("$data", blob));
            WriteFiles(stored.Id, files, tx);
            pruned = Prune(scan.Cluster, retention, scan.FinishedAt, tx);
            Guard(() =>
            {
                tx.Commit();
                return 0;
            });
        }

        if (pruned > 0)
        {
            // Returns the pages of pruned snapshots to the file system; cheap, and outside the scan's transaction.
            Execute(null, "PRAGMA incremental_vacuum");
        }

        var drift = DriftCalculator.Compute(
            baseline is null ? null : new DriftBaseline(baseline.Id, baseline.StartedAt, baseline.FinishedAt, baseline.Complete),
            previousFindings,
            fp => baseline is not null && records.TryGetValue(fp, out var r) && r.FirstScanId < baseline.Id,
            previousSnapshot,
            current,
            scan.Snapshot,
            scan.Complete,
            currentPermissions,
            scan.Config,
            scan.Config is null ? null : currentDuties);
        return new RecordedScan(stored, drift with { ScanId = stored.Id, ObjectsCompared = drift.ObjectsCompared || sameSnapshot }, pruned);
    }

    /// <summary>Every recorded scan, oldest first; only those of <paramref name="cluster"/> when given.</summary>
    public ImmutableArray<StoredScan> Scans(string? cluster = null)
    {
        using var cmd = Command(null, ScanColumns + (cluster is null ? " ORDER BY id" : " WHERE cluster = $cluster ORDER BY id"));
        if (cluster is not null)
        {
            cmd.Parameters.AddWithValue("$cluster", cluster);
        }

        return ReadScans(cmd);
    }

    /// <summary>The scan with that id.</summary>
    /// <exception cref="HistoryStoreException">No such scan (never recorded, or pruned by retention).</exception>
    public StoredScan GetScan(long id) => FindScan(id, null) ?? throw NoScan(id);

    /// <summary>The newest complete scan of the cluster, or null.</summary>
    public StoredScan? LatestComplete(string cluster) => LatestComplete(cluster, null);

    /// <summary>The findings one scan saw, with their state, severity and exception in that scan.</summary>
    public ImmutableArray<ScanFinding> FindingsOf(long scanId) => FindingsOf(scanId, null);

    /// <summary>The snapshot of a scan; null when the scan is unknown.</summary>
    public ClusterSnapshot? SnapshotOf(long scanId) => SnapshotOf(scanId, null);

    /// <summary>The snapshot of a scan as the JSON the store keeps (byte for byte); null when the scan is unknown.</summary>
    public byte[]? SnapshotJsonOf(long scanId)
    {
        using var cmd = Command(null, "SELECT encoding, data FROM snapshots WHERE scan_id = $scan");
        cmd.Parameters.AddWithValue("$scan", scanId);
        var (encoding, data) = Guard(() =>
        {
            using var r = cmd.ExecuteReader();
            return r.Read() ? (r.GetString(0), (byte[])r.GetValue(1)) : (null, null);
        });
        return data is null ? null : SnapshotCodec.DecodeJson(data, encoding!);
    }

    /// <summary>
    /// Keeps more files with a recorded scan (in one transaction), replacing any of the same path: the pipeline adds
    /// the JSON report (<see cref="ScanFiles.ReportPath"/>) once it is rendered.
    /// </summary>
    /// <exception cref="HistoryStoreException">The scan is unknown, or the store cannot be written.</exception>
    public void AttachFiles(long scanId, IEnumerable<ScanFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var encoded = EncodeFiles(files);
        using var tx = Guard(() => connection.BeginTransaction(deferred: false));
        if (FindScan(scanId, tx) is null)
        {
            throw NoScan(scanId);
        }

        WriteFiles(scanId, encoded, tx);
        Guard(() =>
        {
            tx.Commit();
            return 0;
        });
    }

    /// <summary>The files kept with a scan, by path; empty when none (or the scan is unknown).</summary>
    /// <exception cref="HistoryStoreException">A stored file is damaged.</exception>
    public ImmutableArray<ScanFile> FilesOf(long scanId)
    {
        using var cmd = Command(null, "SELECT f.path, b.encoding, b.digest, b.data FROM scan_files f JOIN blobs b ON b.id = f.blob_id WHERE f.scan_id = $scan ORDER BY f.path");
        cmd.Parameters.AddWithValue("$scan", scanId);
        var rows = Guard(() =>
        {
            var list = new List<(string Path, string Encoding, string Digest, byte[] Data)>();
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                list.Add((r.GetString(0), r.GetString(1), r.GetString(2), (byte[])r.GetValue(3)));
            }

            return list;
        });
        return [.. rows.OrderBy(r => r.Path, StringComparer.Ordinal).Select(r => new ScanFile(r.Path, BlobCodec.Decode(r.Data, r.Encoding, r.Digest)))];
    }

    /// <summary>
    /// The bundle a new bundle of scan <paramref name="scanId"/> chains to: the most recently recorded bundle of the
    /// newest earlier scan of the cluster that has one. Bundles of the scan itself never count, so re-creating a
    /// scan's bundle gives the same chain link (and the same bytes). Null for the first bundle of a cluster.
    /// </summary>
    public StoredBundle? PreviousBundle(string cluster, long scanId)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        using var cmd = Command(null, """
            SELECT scan_id, digest, file_name, key_fingerprint FROM bundles
            WHERE cluster = $cluster AND scan_id < $scan ORDER BY scan_id DESC, id DESC LIMIT 1
            """);
        cmd.Parameters.AddWithValue("$cluster", cluster);
        cmd.Parameters.AddWithValue("$scan", scanId);
        return Guard(() =>
        {
            using var r = cmd.ExecuteReader();
            return r.Read() ? new StoredBundle(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3)) : null;
        });
    }

    /// <summary>Every bundle recorded for the cluster, in the order they were written.</summary>
    public ImmutableArray<StoredBundle> Bundles(string cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        using var cmd = Command(null, "SELECT scan_id, digest, file_name, key_fingerprint FROM bundles WHERE cluster = $cluster ORDER BY id");
        cmd.Parameters.AddWithValue("$cluster", cluster);
        return Guard(() =>
        {
            var result = ImmutableArray.CreateBuilder<StoredBundle>();
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                result.Add(new StoredBundle(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3)));
            }

            return result.ToImmutable();
        });
    }

    /// <summary>
    /// Records that a bundle of scan <paramref name="scanId"/> with <paramref name="digest"/> was written, as the newest
    /// bundle of that scan (writing the same bundle again moves it to the front; it is listed once).
    /// </summary>
    public void RecordBundle(string cluster, long scanId, string digest, string fileName, string keyFingerprint)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentException.ThrowIfNullOrEmpty(digest);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(keyFingerprint);
        using var tx = Guard(() => connection.BeginTransaction(deferred: false));
        Execute(tx, "DELETE FROM bundles WHERE cluster = $cluster AND scan_id = $scan AND digest = $digest", ("$cluster", cluster), ("$scan", scanId), ("$digest", digest));
        Execute(
            tx,
            "INSERT INTO bundles (cluster, scan_id, digest, file_name, key_fingerprint) VALUES ($cluster, $scan, $digest, $file, $key)",
            ("$cluster", cluster),
            ("$scan", scanId),
            ("$digest", digest),
            ("$file", fileName),
            ("$key", keyFingerprint));
        Guard(() =>
        {
            tx.Commit();
            return 0;
        });
    }

    /// <summary>
    /// The signature stored for a bundle manifest signed with a key, or null when none is stored. The store does not
    /// check it: the caller verifies it with the key's public half before reusing it.
    /// </summary>
    /// <param name="manifestDigest"><c>sha256:</c> and the hex SHA-256 of the exact manifest bytes.</param>
    /// <param name="keyFingerprint">The signing key's fingerprint.</param>
    public byte[]? BundleSignature(string manifestDigest, string keyFingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestDigest);
        ArgumentException.ThrowIfNullOrEmpty(keyFingerprint);
        using var cmd = Command(null, "SELECT signature FROM bundle_signatures WHERE manifest_digest = $manifest AND key_fingerprint = $key");
        cmd.Parameters.AddWithValue("$manifest", manifestDigest);
        cmd.Parameters.AddWithValue("$key", keyFingerprint);
        return Guard(() => cmd.ExecuteScalar() as byte[]);
    }

    /// <summary>
    /// Stores <paramref name="signature"/> for a manifest and key, unless another process stored a different one since
    /// the caller looked: the row is written when it still holds <paramref name="replacing"/> (null: there was no row;
    /// otherwise the stored signature the caller found invalid). Returns the signature the store holds afterwards,
    /// which is <paramref name="signature"/> unless another writer won the race; committed (fsynced) on return.
    /// </summary>
    public byte[] RecordBundleSignature(string manifestDigest, string keyFingerprint, byte[] signature, byte[]? replacing)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestDigest);
        ArgumentException.ThrowIfNullOrEmpty(keyFingerprint);
        ArgumentNullException.ThrowIfNull(signature);
        using var tx = Guard(() => connection.BeginTransaction(deferred: false));
        using var select = Command(tx, "SELECT signature FROM bundle_signatures WHERE manifest_digest = $manifest AND key_fingerprint = $key");
        select.Parameters.AddWithValue("$manifest", manifestDigest);
        select.Parameters.AddWithValue("$key", keyFingerprint);
        var current = Guard(() => select.ExecuteScalar() as byte[]);
        var unchanged = current is null ? replacing is null : replacing is not null && current.AsSpan().SequenceEqual(replacing);
        if (!unchanged)
        {
            return current!;
        }

        Execute(
            tx,
            "INSERT OR REPLACE INTO bundle_signatures (manifest_digest, key_fingerprint, signature) VALUES ($manifest, $key, $signature)",
            ("$manifest", manifestDigest),
            ("$key", keyFingerprint),
            ("$signature", signature));
        Guard(() =>
        {
            tx.Commit();
            return 0;
        });
        return signature;
    }

    /// <summary>The lifecycle of every finding ever seen in the cluster, by fingerprint order.</summary>
    public ImmutableArray<FindingRecord> FindingHistory(string cluster) =>
        [.. LoadRecords(cluster, null).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value.Record)];

    /// <summary>
    /// The drift from scan <paramref name="earlier"/> to scan <paramref name="later"/> (both of one cluster): findings
    /// new, resolved, reopened and newly excepted, object changes, and duty and permission changes.
    /// </summary>
    /// <param name="earlier">The earlier scan's id.</param>
    /// <param name="later">The later scan's id.</param>
    /// <param name="config">The config both snapshots' duties are judged against; null to leave duty changes out.</param>
    /// <exception cref="HistoryStoreException">A scan is unknown, or the scans are of different clusters.</exception>
    public ScanDrift Compare(long earlier, long later, ScannerConfig? config = null)
    {
        var a = GetScan(earlier);
        var b = GetScan(later);
        if (!string.Equals(a.Cluster, b.Cluster, StringComparison.Ordinal))
        {
            throw new HistoryStoreException(string.Create(
                CultureInfo.InvariantCulture,
                $"scans {a.Id} (cluster {a.Cluster}) and {b.Id} (cluster {b.Cluster}) are of different clusters; compare scans of one cluster."));
        }

        var firstScans = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var cmd = Command(null, "SELECT fingerprint, first_scan FROM findings WHERE cluster = $cluster"))
        {
            cmd.Parameters.AddWithValue("$cluster", a.Cluster);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                firstScans[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var laterSnapshot = SnapshotOf(b.Id) ?? ClusterSnapshot.Empty;
        return DriftCalculator.Compute(
            new DriftBaseline(a.Id, a.StartedAt, a.FinishedAt, a.Complete),
            FindingsOf(a.Id),
            fp => firstScans.TryGetValue(fp, out var first) && first < a.Id,
            SnapshotOf(a.Id),
            FindingsOf(b.Id),
            laterSnapshot,
            b.Complete,
            config: config) with { ScanId = b.Id };
    }

    /// <summary>
    /// Checks the file and the store's own invariants: SQLite's integrity check, foreign keys, and that every scan has
    /// its snapshot and exactly as many finding rows as it counted. Returns the problems found; empty when consistent.
    /// </summary>
    public ImmutableArray<string> Check()
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        using (var cmd = Command(null, "PRAGMA integrity_check"))
        {
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var line = reader.GetString(0);
                if (line != "ok")
                {
                    problems.Add("integrity: " + line);
                }
            }
        }

        using (var cmd = Command(null, "PRAGMA foreign_key_check"))
        {
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                problems.Add($"foreign key: {reader.GetString(0)} row {reader.GetValue(1)} references a missing {reader.GetString(2)}");
            }
        }

        using (var cmd = Command(null, """
            SELECT s.id, s.total, (SELECT COUNT(*) FROM scan_findings f WHERE f.scan_id = s.id), (SELECT COUNT(*) FROM snapshots p WHERE p.scan_id = s.id)
            FROM scans s ORDER BY s.id
            """))
        {
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetInt64(1) != reader.GetInt64(2))
                {
                    problems.Add($"scan {reader.GetInt64(0)}: counts {reader.GetInt64(1)} findings but lists {reader.GetInt64(2)}");
                }

                if (reader.GetInt64(3) != 1)
                {
                    problems.Add($"scan {reader.GetInt64(0)}: has no snapshot");
                }
            }
        }

        return problems.ToImmutable();
    }

    public void Dispose() => connection.Dispose();

    private const string ScanColumns = """
        SELECT id, cluster, started_at, finished_at, complete, snapshot_digest, config_digest, ruleset_version, scanner_version, sources,
               total, open, excepted, builtin, open_critical, open_high, open_medium, open_low, open_info
        FROM scans
        """;

    private const string FindingColumns = """
        f.id, f.fingerprint, f.rule_id, f.title, f.severity, f.layer, f.object_kind, f.object_namespace, f.object_name,
        f.subject_kind, f.subject_namespace, f.subject_name, f.key, f.message
        """;

    private HistoryStoreException NoScan(long id) => new(
        $"no scan {id.ToString(CultureInfo.InvariantCulture)} in history store {Path}: it was never recorded or retention has removed it. Hint: 'history --store {Path}' lists the scans.");

    private static ScanStore Connect(string displayPath, string fullPath, SqliteOpenMode mode)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = mode,

            // Without pooling, Dispose closes the file: tests can delete it, and a crashed writer's handle never lingers.
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var store = new ScanStore(displayPath, connection);
            store.Execute(null, "PRAGMA busy_timeout = 10000");

            // auto_vacuum only takes effect on a database without tables; for an existing file it is a no-op.
            store.Execute(null, "PRAGMA auto_vacuum = INCREMENTAL");
            store.Execute(null, "PRAGMA journal_mode = WAL");
            store.Execute(null, "PRAGMA synchronous = FULL");
            store.Execute(null, "PRAGMA foreign_keys = ON");
            StoreSchema.Migrate(connection, displayPath);
            return store;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new HistoryStoreException(Describe(displayPath, ex), ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string Describe(string path, SqliteException ex) => ex.SqliteErrorCode switch
    {
        26 => $"history store {path} is not a SQLite database (or its header is damaged). Hint: pass another --store file; the scanner never overwrites one it cannot read.",
        11 => $"history store {path} is damaged: {ex.Message}. Hint: restore it from a backup, or start a new store file.",
        14 => $"history store {path} cannot be opened: {ex.Message}",
        _ => $"history store {path}: {ex.Message}",
    };

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            throw new HistoryStoreException(Describe(Path, ex), ex);
        }
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private int Execute(SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(tx, sql);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return Guard(cmd.ExecuteNonQuery);
    }

    private StoredScan? FindScan(long id, SqliteTransaction? tx)
    {
        using var cmd = Command(tx, ScanColumns + " WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", id);
        var scans = ReadScans(cmd);
        return scans.IsEmpty ? null : scans[0];
    }

    private StoredScan? LatestComplete(string cluster, SqliteTransaction? tx)
    {
        using var cmd = Command(tx, ScanColumns + " WHERE cluster = $cluster AND complete = 1 ORDER BY id DESC LIMIT 1");
        cmd.Parameters.AddWithValue("$cluster", cluster);
        var scans = ReadScans(cmd);
        return scans.IsEmpty ? null : scans[0];
    }

    private ImmutableArray<StoredScan> ReadScans(SqliteCommand cmd) => Guard(() =>
    {
        var result = ImmutableArray.CreateBuilder<StoredScan>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredScan
            {
                Id = r.GetInt64(0),
                Cluster = r.GetString(1),
                StartedAt = StoreTime.Parse(r.GetString(2)),
                FinishedAt = StoreTime.Parse(r.GetString(3)),
                Complete = r.GetInt64(4) != 0,
                SnapshotDigest = r.GetString(5),
                ConfigDigest = r.GetString(6),
                RulesetVersion = r.GetString(7),
                ScannerVersion = r.GetString(8),
                Sources = [.. JsonSerializer.Deserialize<string[]>(r.GetString(9)) ?? []],
                Total = r.GetInt32(10),
                Open = r.GetInt32(11),
                Excepted = r.GetInt32(12),
                Builtin = r.GetInt32(13),
                OpenBySeverity = [r.GetInt32(14), r.GetInt32(15), r.GetInt32(16), r.GetInt32(17), r.GetInt32(18)],
            });
        }

        return result.ToImmutable();
    });

    private StoredScan InsertScan(ScanRecording scan, ImmutableArray<ScanFinding> findings, SqliteTransaction tx)
    {
        var open = findings.Where(f => f.State == FindingState.Open).ToList();
        var stored = new StoredScan
        {
            Id = 0,
            Cluster = scan.Cluster,
            StartedAt = scan.StartedAt,
            FinishedAt = scan.FinishedAt,
            Complete = scan.Complete,
            SnapshotDigest = scan.Snapshot.Digest,
            ConfigDigest = scan.ConfigDigest,
            RulesetVersion = scan.RulesetVersion,
            ScannerVersion = scan.ScannerVersion,
            Sources = scan.Snapshot.Sources,
            Total = findings.Length,
            Open = open.Count,
            Excepted = findings.Count(f => f.State == FindingState.Excepted),
            Builtin = findings.Count(f => f.State == FindingState.Builtin),
            OpenBySeverity = [.. WorstFirst.Select(s => open.Count(f => f.Severity == s))],
        };
        using var cmd = Command(tx, """
            INSERT INTO scans (cluster, started_at, finished_at, complete, snapshot_digest, config_digest, ruleset_version, scanner_version, sources,
                               total, open, excepted, builtin, open_critical, open_high, open_medium, open_low, open_info)
            VALUES ($cluster, $started, $finished, $complete, $snapshot, $config, $ruleset, $scanner, $sources,
                    $total, $open, $excepted, $builtin, $c, $h, $m, $l, $i)
            RETURNING id
            """);
        var p = cmd.Parameters;
        p.AddWithValue("$cluster", stored.Cluster);
        p.AddWithValue("$started", StoreTime.Format(stored.StartedAt));
        p.AddWithValue("$finished", StoreTime.Format(stored.FinishedAt));
        p.AddWithValue("$complete", stored.Complete ? 1 : 0);
        p.AddWithValue("$snapshot", stored.SnapshotDigest);
        p.AddWithValue("$config", stored.ConfigDigest);
        p.AddWithValue("$ruleset", stored.RulesetVersion);
        p.AddWithValue("$scanner", stored.ScannerVersion);
        p.AddWithValue("$sources", JsonSerializer.Serialize(stored.Sources.ToArray()));
        p.AddWithValue("$total", stored.Total);
        p.AddWithValue("$open", stored.Open);
        p.AddWithValue("$excepted", stored.Excepted);
        p.AddWithValue("$builtin", stored.Builtin);
        p.AddWithValue("$c", stored.OpenBySeverity[0]);
        p.AddWithValue("$h", stored.OpenBySeverity[1]);
        p.AddWithValue("$m", stored.OpenBySeverity[2]);
        p.AddWithValue("$l", stored.OpenBySeverity[3]);
        p.AddWithValue("$i", stored.OpenBySeverity[4]);
        return stored with { Id = Guard(() => (long)cmd.ExecuteScalar()!) };
    }

    private Dictionary<string, (long Id, FindingRecord Record)> LoadRecords(string cluster, SqliteTransaction? tx) => Guard(() =>
    {
        using var cmd = Command(tx, $"""
            SELECT {FindingColumns}, f.latest_state, e.reason, e.approved_by, e.expires,
                   f.state, f.first_seen, f.last_seen, f.resolved_at, f.first_scan, f.last_scan, f.times_reopened
            FROM findings f LEFT JOIN exceptions e ON e.id = f.exception_id
            WHERE f.cluster = $cluster
            """);
        cmd.Parameters.AddWithValue("$cluster", cluster);
        var result = new Dictionary<string, (long, FindingRecord)>(StringComparer.Ordinal);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var finding = ReadFinding(r, (FindingState)r.GetInt32(14), (Severity)r.GetInt32(4), 15);
            var state = FindingLifecycleStates.TryParse(r.GetString(18), out var s) ? s.Value : FindingLifecycleState.Open;
            result[finding.Fingerprint] = (r.GetInt64(0), new FindingRecord
            {
                Latest = finding,
                State = state,
                FirstSeen = StoreTime.Parse(r.GetString(19)),
                LastSeen = StoreTime.Parse(r.GetString(20)),
                ResolvedAt = r.IsDBNull(21) ? null : StoreTime.Parse(r.GetString(21)),
                FirstScanId = r.GetInt64(22),
                LastScanId = r.GetInt64(23),
                TimesReopened = r.GetInt32(24),
            });
        }

        return result;
    });

    /// <summary>Reads the finding columns (<see cref="FindingColumns"/> first), with the exception's three columns at <paramref name="exceptionAt"/>.</summary>
    private static ScanFinding ReadFinding(SqliteDataReader r, FindingState state, Severity severity, int exceptionAt)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var objectKind = Text(6);
        var subjectKind = Text(9);
        return new ScanFinding
        {
            Fingerprint = r.GetString(1),
            RuleId = r.GetString(2),
            Title = r.GetString(3),
            Severity = severity,
            State = state,
            Layer = r.GetString(5),
            Object = objectKind is null ? null : new ObjectReference(objectKind, Text(7), r.GetString(8)),
            Subject = subjectKind is null ? null : new Subject(subjectKind, r.GetString(11), Text(10)),
            Key = r.GetString(12),
            Message = r.GetString(13),
            Exception = r.IsDBNull(exceptionAt)
                ? null
                : new AppliedException(r.GetString(exceptionAt), r.GetString(exceptionAt + 1), StoreTime.ParseDate(r.GetString(exceptionAt + 2))),
        };
    }

    private ImmutableArray<ScanFinding> FindingsOf(long scanId, SqliteTransaction? tx) => Guard(() =>
    {
        using var cmd = Command(tx, $"""
            SELECT {FindingColumns}, s.state, s.severity, e.reason, e.approved_by, e.expires
            FROM scan_findings s JOIN findings f ON f.id = s.finding_id LEFT JOIN exceptions e ON e.id = s.exception_id
            WHERE s.scan_id = $scan
            """);
        cmd.Parameters.AddWithValue("$scan", scanId);
        var result = new List<ScanFinding>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(ReadFinding(r, (FindingState)r.GetInt32(14), (Severity)r.GetInt32(15), 16));
        }

        return FindingDrift.Sorted(result);
    });

    private ClusterSnapshot? SnapshotOf(long scanId, SqliteTransaction? tx)
    {
        using var cmd = Command(tx, "SELECT encoding, data FROM snapshots WHERE scan_id = $scan");
        cmd.Parameters.AddWithValue("$scan", scanId);
        var (encoding, data) = Guard(() =>
        {
            using var r = cmd.ExecuteReader();
            return r.Read() ? (r.GetString(0), (byte[])r.GetValue(1)) : (null, null);
        });
        return data is null ? null : SnapshotCodec.Decode(data, encoding!);
    }

    private static List<(string Path, string Digest, byte[] Data, int RawSize)> EncodeFiles(IEnumerable<ScanFile> files)
    {
        var result = new List<(string, string, byte[], int)>();
        foreach (var file in files)
        {
            ArgumentException.ThrowIfNullOrEmpty(file.Path);
            var (digest, data) = BlobCodec.Encode(file.Content);
            result.Add((file.Path, digest, data, file.Content.Length));
        }

        return result;
    }

    private void WriteFiles(long scanId, List<(string Path, string Digest, byte[] Data, int RawSize)> files, SqliteTransaction tx)
    {
        foreach (var (path, digest, data, rawSize) in files)
        {
            using var blob = Command(tx, """
                INSERT INTO blobs (digest, encoding, raw_size, data) VALUES ($digest, $encoding, $raw, $data)
                ON CONFLICT (digest) DO UPDATE SET digest = excluded.digest
                RETURNING id
                """);
            blob.Parameters.AddWithValue("$digest", digest);
            blob.Parameters.AddWithValue("$encoding", BlobCodec.Encoding);
            blob.Parameters.AddWithValue("$raw", rawSize);
            blob.Parameters.AddWithValue("$data", data);
            var blobId = Guard(() => (long)blob.ExecuteScalar()!);
            Execute(tx, "INSERT OR REPLACE INTO scan_files (scan_id, path, blob_id) VALUES ($scan, $path, $blob)", ("$scan", scanId), ("$path", path), ("$blob", blobId));
        }
    }

    /// <summary>Upserts the changed records; returns the row id of every finding of the cluster touched, by fingerprint.</summary>
    private Dictionary<string, long> WriteRecords(string cluster, ImmutableArray<FindingRecord> changed, Dictionary<string, (long Id, FindingRecord Record)> rows, SqliteTransaction tx)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        var exceptions = new Dictionary<AppliedException, long>();
        using var insert = Command(tx, """
            INSERT INTO findings (cluster, fingerprint, rule_id, title, severity, layer, object_kind, object_namespace, object_name,
                                  subject_kind, subject_namespace, subject_name, key, message, latest_state, exception_id,
                                  state, first_seen, last_seen, resolved_at, first_scan, last_scan, times_reopened)
            VALUES ($cluster, $fp, $rule, $title, $severity, $layer, $ok, $ons, $on, $sk, $sns, $sn, $key, $message, $latest, $exception,
                    $state, $first, $last, $resolved, $firstScan, $lastScan, $reopened)
            ON CONFLICT (cluster, fingerprint) DO UPDATE SET
                rule_id = excluded.rule_id, title = excluded.title, severity = excluded.severity, layer = excluded.layer,
                object_kind = excluded.object_kind, object_namespace = excluded.object_namespace, object_name = excluded.object_name,
                subject_kind = excluded.subject_kind, subject_namespace = excluded.subject_namespace, subject_name = excluded.subject_name,
                key = excluded.key, message = excluded.message, latest_state = excluded.latest_state, exception_id = excluded.exception_id,
                state = excluded.state, last_seen = excluded.last_seen, resolved_at = excluded.resolved_at,
                last_scan = excluded.last_scan, times_reopened = excluded.times_reopened
            RETURNING id
            """);
        var names = new[] { "$cluster", "$fp", "$rule", "$title", "$severity", "$layer", "$ok", "$ons", "$on", "$sk", "$sns", "$sn", "$key", "$message", "$latest", "$exception", "$state", "$first", "$last", "$resolved", "$firstScan", "$lastScan", "$reopened" };
        var parameters = names.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        insert.Prepare();
        foreach (var record in changed)
        {
            var f = record.Latest;
            object?[] values =
            [
                cluster, f.Fingerprint, f.RuleId, f.Title, (int)f.Severity, f.Layer,
                f.Object?.Kind, f.Object?.Namespace, f.Object?.Name,
                f.Subject?.Kind, f.Subject?.Namespace, f.Subject?.Name,
                f.Key, f.Message, (int)f.State, f.Exception is null ? null : ExceptionId(f.Exception, exceptions, tx),
                record.State.ToName(), StoreTime.Format(record.FirstSeen), StoreTime.Format(record.LastSeen),
                record.ResolvedAt is { } at ? StoreTime.Format(at) : null, record.FirstScanId, record.LastScanId, record.TimesReopened,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            ids[f.Fingerprint] = Guard(() => (long)insert.ExecuteScalar()!);
        }

        foreach (var (fingerprint, row) in rows)
        {
            ids.TryAdd(fingerprint, row.Id);
        }

        return ids;
    }

    private long ExceptionId(AppliedException exception, Dictionary<AppliedException, long> cache, SqliteTransaction tx)
    {
        if (cache.TryGetValue(exception, out var id))
        {
            return id;
        }

        using var cmd = Command(tx, """
            INSERT INTO exceptions (reason, approved_by, expires) VALUES ($reason, $by, $expires)
            ON CONFLICT (reason, approved_by, expires) DO UPDATE SET reason = excluded.reason
            RETURNING id
            """);
        cmd.Parameters.AddWithValue("$reason", exception.Reason);
        cmd.Parameters.AddWithValue("$by", exception.ApprovedBy);
        cmd.Parameters.AddWithValue("$expires", StoreTime.FormatDate(exception.Expires));
        id = Guard(() => (long)cmd.ExecuteScalar()!);
        cache[exception] = id;
        return id;
    }

    private void WriteScanFindings(long scanId, ImmutableArray<ScanFinding> findings, Dictionary<string, long> ids, SqliteTransaction tx)
    {
        var exceptions = new Dictionary<AppliedException, long>();
        using var cmd = Command(tx, "INSERT INTO scan_findings (scan_id, finding_id, state, severity, exception_id) VALUES ($scan, $finding, $state, $severity, $exception)");
        var scan = cmd.Parameters.Add("$scan", SqliteType.Integer);
        var finding = cmd.Parameters.Add("$finding", SqliteType.Integer);
        var state = cmd.Parameters.Add("$state", SqliteType.Integer);
        var severity = cmd.Parameters.Add("$severity", SqliteType.Integer);
        var exception = cmd.Parameters.Add("$exception", SqliteType.Integer);
        cmd.Prepare();
        scan.Value = scanId;
        foreach (var f in findings)
        {
            finding.Value = ids[f.Fingerprint];
            state.Value = (int)f.State;
            severity.Value = (int)f.Severity;
            exception.Value = f.Exception is null ? DBNull.Value : ExceptionId(f.Exception, exceptions, tx);
            Guard(cmd.ExecuteNonQuery);
        }
    }

    /// <summary>Deletes the cluster's scans beyond retention (never the newest, nor the newest complete one), then findings resolved before the cutoff that no kept scan lists.</summary>
    private int Prune(string cluster, RetentionPolicy retention, DateTimeOffset now, SqliteTransaction tx)
    {
        var cutoff = StoreTime.Format(now.AddDays(-retention.Days));
        var deleted = Execute(
            tx,
            """
            DELETE FROM scans WHERE cluster = $cluster
              AND id <> (SELECT MAX(id) FROM scans WHERE cluster = $cluster)
              AND id <> COALESCE((SELECT MAX(id) FROM scans WHERE cluster = $cluster AND complete = 1), -1)
              AND (finished_at < $cutoff
                   OR id NOT IN (SELECT id FROM scans WHERE cluster = $cluster ORDER BY id DESC LIMIT $keep))
            """,
            ("$cluster", cluster),
            ("$cutoff", cutoff),
            ("$keep", retention.Scans));
        if (deleted > 0)
        {
            Execute(
                tx,
                """
                DELETE FROM findings WHERE cluster = $cluster AND state = 'resolved' AND resolved_at < $cutoff
                  AND last_scan < (SELECT MIN(id) FROM scans WHERE cluster = $cluster)
                """,
                ("$cluster", cluster),
                ("$cutoff", cutoff));
            Execute(tx, "DELETE FROM blobs WHERE id NOT IN (SELECT blob_id FROM scan_files)");
            Execute(tx, "DELETE FROM exceptions WHERE id NOT IN (SELECT exception_id FROM findings WHERE exception_id IS NOT NULL) AND id NOT IN (SELECT exception_id FROM scan_findings WHERE exception_id IS NOT NULL)");
        }

        return deleted;
    }
}
