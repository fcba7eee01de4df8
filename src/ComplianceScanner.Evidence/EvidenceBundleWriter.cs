using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Reporting;
using ComplianceScanner.Core.Permissions;
using ComplianceScanner.Core.Rules;
using ComplianceScanner.History;
using ComplianceScanner.Rendering;

namespace ComplianceScanner.Evidence;

/// <summary>
/// Writes the evidence bundle of a recorded scan: a deterministic <c>.tar.gz</c> with the snapshot, the effective
/// permissions, the findings with their lifecycle and exceptions, the reports (JSON as recorded; HTML, Markdown and
/// SARIF rendered from it with the templates the scan used), the exact scanner.yaml and templates, the rule catalogue
/// and rule docs, and a signed manifest chained to the cluster's previous bundle. The bundle's digest is recorded in
/// the store so the next bundle links to it. The same scan, store and key give byte-identical bundles.
/// </summary>
/// <remarks>The agent calls <see cref="WriteAsync(ScanStore, ScanReport, EvidenceKey, string, CancellationToken)"/> after a scan is recorded, then <see cref="ApplyRetention"/>.</remarks>
public sealed class EvidenceBundleWriter
{
    /// <summary>Bundle file names: <c>evidence-CLUSTER-scan-000042.tar.gz</c>.</summary>
    public const string FilePrefix = "evidence-";

    public const string FileSuffix = ".tar.gz";

    private static readonly JsonWriterOptions Indented = new() { Indented = true, NewLine = "\n" };

    private readonly string bundlerVersion;

    /// <summary>A writer recording <paramref name="bundlerVersion"/> as the bundle's writer (default: <see cref="BundlerVersion"/>).</summary>
    public EvidenceBundleWriter(string? bundlerVersion = null)
    {
        this.bundlerVersion = bundlerVersion ?? BundlerVersion;
    }

    /// <summary>The scanner version writing bundles.</summary>
    public static string BundlerVersion { get; } =
        typeof(EvidenceBundleWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The file name of a scan's bundle; the cluster name is reduced to letters, digits, '.', '_' and '-'.</summary>
    public static string FileNameFor(string cluster, long scanId)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var safe = new string([.. cluster.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]);
        return string.Create(CultureInfo.InvariantCulture, $"{FilePrefix}{(safe.Length == 0 ? "cluster" : safe)}-scan-{scanId:D6}{FileSuffix}");
    }

    /// <summary>
    /// Writes the bundle of scan <paramref name="scanId"/> (the newest scan when null) into <paramref name="outDirectory"/>
    /// (created when missing; the file is replaced atomically), signs it with <paramref name="key"/> (reusing the
    /// signature stored for the same manifest and key, so a re-created bundle is byte-identical), and records its
    /// digest and signature in the store.
    /// </summary>
    /// <exception cref="HistoryStoreException">The scan is unknown, or the store cannot be read or written.</exception>
    /// <exception cref="EvidenceException">The output cannot be written, or a stored report or template cannot be used.</exception>
    public Task<EvidenceBundle> WriteAsync(ScanStore store, long? scanId, EvidenceKey key, string outDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);

        // The work is synchronous (SQLite, compression, hashing); run it off the caller's thread so the agent's host stays responsive.
        return Task.Run(() => Write(store, scanId, key, outDirectory, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Writes the bundle of the scan a report describes (its <c>drift.scanId</c>): the post-scan form for the agent,
    /// which holds the <see cref="ScanReport"/> of a scan it just recorded.
    /// </summary>
    /// <exception cref="EvidenceException">The report was not recorded in a store (it has no scan id).</exception>
    public Task<EvidenceBundle> WriteAsync(ScanStore store, ScanReport report, EvidenceKey key, string outDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Drift?.ScanId is { } id
            ? WriteAsync(store, id, key, outDirectory, cancellationToken)
            : throw new EvidenceException("the report has no scan id: only a scan recorded in a history store can be bundled.");
    }

    /// <summary>The synchronous form of <see cref="WriteAsync(ScanStore, long?, EvidenceKey, string, CancellationToken)"/>.</summary>
    public EvidenceBundle Write(ScanStore store, long? scanId, EvidenceKey key, string outDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);
        var scan = scanId is { } id ? store.GetScan(id) : Latest(store);
        cancellationToken.ThrowIfCancellationRequested();
        var notes = new List<string>();
        var files = Contents(store, scan, key, notes);
        cancellationToken.ThrowIfCancellationRequested();
        var previous = store.PreviousBundle(scan.Cluster, scan.Id);
        var manifest = new EvidenceManifest
        {
            ScanId = scan.Id,
            Cluster = scan.Cluster,
            StartedAt = scan.StartedAt,
            FinishedAt = scan.FinishedAt,
            Complete = scan.Complete,
            SnapshotDigest = scan.SnapshotDigest,
            ConfigDigest = scan.ConfigDigest,
            RulesetVersion = scan.RulesetVersion,
            ScannerVersion = scan.ScannerVersion,
            BundlerVersion = bundlerVersion,
            Previous = previous is null ? null : new PreviousBundle(previous.Digest, previous.ScanId, previous.FileName),
            PublicKeyFingerprint = key.Fingerprint,
            Notes = [.. notes],
            Files = [.. files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => new ManifestEntry(f.Path, f.Content.Length, Sha256(f.Content)))],
        };
        var manifestJson = manifest.ToJson();
        var (signature, reused) = Signature(store, key, manifestJson);
        files.Add(new BundleFile(EvidenceManifest.FileName, manifestJson));
        files.Add(new BundleFile(EvidenceManifest.SignatureFileName, signature));
        var archive = DeterministicTarGz.Write(files, scan.FinishedAt);
        var digest = "sha256:" + Sha256(archive);

        // Crash order. The signature was committed to the store above, before any file exists. The archive goes to a
        // temporary file, then the bundle is recorded, then the temporary file is renamed into place:
        // - a crash before the record leaves only a .tmp file; the store names no such bundle, and a rerun writes the
        //   same bytes again (it reuses the stored signature) and replaces the .tmp;
        // - a crash between the record and the rename leaves the store naming a bundle whose file is not in place yet;
        //   since the signature is stored, a rerun re-creates exactly those bytes (the digest the store already holds,
        //   so a next bundle chained to it meanwhile stays valid);
        // - a finished file therefore always carries a signature the store holds. The reverse order (rename first)
        //   could publish a bundle whose signature was never stored, which a later re-creation could not reproduce.
        var fileName = FileNameFor(scan.Cluster, scan.Id);
        var path = Path.Combine(outDirectory, fileName);
        var temp = path + ".tmp";
        try
        {
            Directory.CreateDirectory(outDirectory);
            File.WriteAllBytes(temp, archive);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvidenceException($"cannot write the bundle {path}: {ex.Message}", ex);
        }

        store.RecordBundle(scan.Cluster, scan.Id, digest, fileName, key.Fingerprint);
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvidenceException($"cannot write the bundle {path}: {ex.Message}", ex);
        }

        return new EvidenceBundle(path, digest, manifest, reused);
    }

    /// <summary>
    /// Keeps the <paramref name="keep"/> bundles of the newest scans in <paramref name="directory"/> (by the scan id in
    /// their file names, not by file times) and deletes the older ones. Returns the deleted files. Other files are never touched.
    /// </summary>
    public static ImmutableArray<string> ApplyRetention(string directory, int keep)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var bundles = Directory.EnumerateFiles(directory, FilePrefix + "*" + FileSuffix)
            .Select(p => (Path: p, Id: ScanIdOf(Path.GetFileName(p))))
            .Where(b => b.Id is not null)
            .OrderByDescending(b => b.Id)
            .ThenBy(b => b.Path, StringComparer.Ordinal)
            .ToList();
        var deleted = ImmutableArray.CreateBuilder<string>();
        foreach (var (path, _) in bundles.Skip(keep))
        {
            File.Delete(path);
            deleted.Add(path);
        }

        return deleted.ToImmutable();
    }

    /// <summary>The scan id in a bundle file name, or null when the name is not one of ours.</summary>
    public static long? ScanIdOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (!fileName.StartsWith(FilePrefix, StringComparison.Ordinal) || !fileName.EndsWith(FileSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var stem = fileName[..^FileSuffix.Length];
        var at = stem.LastIndexOf("-scan-", StringComparison.Ordinal);
        return at > 0 && long.TryParse(stem[(at + 6)..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>
    /// The signature of the manifest: the one stored for these exact manifest bytes and this key when it verifies, or a
    /// new one, committed to the store before it is used. ECDSA draws a random nonce per signature, so reuse is what
    /// makes a re-created bundle byte-identical, without any custom signing code. A stored signature that does not
    /// verify (damaged or tampered with) is never reused: it is replaced. Reused is true when the stored one was taken.
    /// </summary>
    private static (byte[] Signature, bool Reused) Signature(ScanStore store, EvidenceKey key, byte[] manifestJson)
    {
        var manifestDigest = "sha256:" + Sha256(manifestJson);
        var stored = store.BundleSignature(manifestDigest, key.Fingerprint);

        // Two attempts: another process may store its own signature between our read and our write; then its one (if valid) is used.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (stored is not null && key.Verify(manifestJson, stored))
            {
                return (stored, true);
            }

            var fresh = key.Sign(manifestJson);
            var winner = store.RecordBundleSignature(manifestDigest, key.Fingerprint, fresh, replacing: stored);
            if (winner.AsSpan().SequenceEqual(fresh))
            {
                return (fresh, false);
            }

            stored = winner;
        }

        if (stored is not null && key.Verify(manifestJson, stored))
        {
            return (stored, true);
        }

        throw new EvidenceException($"the manifest signature stored for {manifestDigest} keeps changing and does not verify with key {key.Fingerprint}: another process is writing invalid signatures to store {store.Path}.");
    }

    internal static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static StoredScan Latest(ScanStore store)
    {
        var scans = store.Scans();
        return scans.IsEmpty
            ? throw new HistoryStoreException($"history store {store.Path} has no scans; record one with 'scan --store {store.Path}' first.")
            : scans[^1];
    }

    private static List<BundleFile> Contents(ScanStore store, StoredScan scan, EvidenceKey key, List<string> notes)
    {
        var files = new List<BundleFile>
        {
            new(EvidenceManifest.PublicKeyFileName, Encoding.UTF8.GetBytes(key.PublicKeyPem)),
        };
        var snapshotJson = store.SnapshotJsonOf(scan.Id);
        if (snapshotJson is null)
        {
            notes.Add("snapshot.json and effective-permissions.json are missing: the scan's snapshot is no longer retained in the store.");
        }
        else
        {
            files.Add(new BundleFile("snapshot.json", snapshotJson));
            files.Add(new BundleFile("effective-permissions.json", Permissions(store.SnapshotOf(scan.Id)!)));
        }

        files.Add(new BundleFile("findings.json", Findings(store, scan)));
        var stored = store.FilesOf(scan.Id).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        foreach (var (path, content) in stored)
        {
            files.Add(new BundleFile(path, content));
        }

        if (!stored.ContainsKey(ScanFiles.ConfigPath))
        {
            notes.Add($"{ScanFiles.ConfigPath} is missing: the scan was recorded without its config (by a scanner before evidence support, or the config file changed while scanning).");
        }

        if (!stored.Keys.Any(p => p.StartsWith(ScanFiles.TemplatesPrefix, StringComparison.Ordinal)))
        {
            notes.Add("templates/ is missing: the scan was recorded without its templates; reports/report.html and reports/report.md are not rendered.");
        }

        files.AddRange(Reports(stored, notes));
        files.AddRange(Rules());
        return files;
    }

    private static IEnumerable<BundleFile> Reports(Dictionary<string, byte[]> stored, List<string> notes)
    {
        if (!stored.TryGetValue(ScanFiles.ReportPath, out var json))
        {
            notes.Add($"{ScanFiles.ReportPath} is missing: the scan was recorded without its report; no report is included.");
            yield break;
        }

        ScanReport report;
        try
        {
            report = ReportJson.Deserialize(Encoding.UTF8.GetString(json));
        }
        catch (JsonException ex)
        {
            throw new EvidenceException($"the report stored with the scan cannot be read: {ex.Message}", ex);
        }

        yield return new BundleFile("reports/report.sarif", Encoding.UTF8.GetBytes(ReportFormats.Find("sarif")!.Render(report, null!)));
        var templates = stored.Where(f => f.Key.StartsWith(ScanFiles.TemplatesPrefix, StringComparison.Ordinal)).ToList();
        if (templates.Count == 0)
        {
            yield break;
        }

        // TemplateSet reads a directory (it resolves includes inside it): give it the stored templates in a private one.
        var dir = Directory.CreateTempSubdirectory("compliancescanner-templates-");
        try
        {
            foreach (var (path, content) in templates)
            {
                var file = Path.Combine(dir.FullName, path[ScanFiles.TemplatesPrefix.Length..]);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllBytes(file, content);
            }

            TemplateSet set;
            try
            {
                set = TemplateSet.FromDirectory(dir.FullName);
            }
            catch (TemplateRenderException ex)
            {
                throw new EvidenceException($"the templates stored with the scan cannot be parsed: {ex.Message}", ex);
            }

            foreach (var (name, file) in new[] { ("html", "report.html"), ("markdown", "report.md") })
            {
                var format = ReportFormats.Find(name)!;
                string text;
                try
                {
                    text = format.Render(report, set);
                }
                catch (TemplateRenderException ex)
                {
                    notes.Add($"reports/{file} is missing: the stored templates cannot render it ({ex.Message}).");
                    continue;
                }

                yield return new BundleFile("reports/" + file, Encoding.UTF8.GetBytes(text));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static IEnumerable<BundleFile> Rules()
    {
        var assembly = typeof(EvidenceBundleWriter).Assembly;
        var docs = assembly.GetManifestResourceNames().Where(n => n.StartsWith("rules/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var docNames = docs.ToHashSet(StringComparer.Ordinal);
        foreach (var name in docs)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var content = new MemoryStream();
            stream.CopyTo(content);
            yield return new BundleFile("rules/docs/" + name["rules/".Length..], content.ToArray());
        }

        using var output = new MemoryStream();
        using (var w = new Utf8JsonWriter(output, Indented))
        {
            w.WriteStartObject();
            w.WriteString("version", RuleCatalogue.Version);
            w.WriteStartArray("rules");
            foreach (var rule in RuleCatalogue.Descriptors.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("id", rule.Id);
                w.WriteString("title", rule.Title);
                w.WriteString("severity", Core.Findings.SeverityNames.ToName(rule.Severity));
                w.WriteString("layer", rule.Layer);
                w.WriteString("category", rule.Category);
                w.WriteString("remediation", rule.Remediation);
                var doc = "rules/" + rule.Id + ".md";
                if (docNames.Contains(doc))
                {
                    w.WriteString("doc", "rules/docs/" + rule.Id + ".md");
                }
                else
                {
                    w.WriteNull("doc");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
        yield return new BundleFile("rules/catalogue.json", output.ToArray());
    }

    /// <summary>The effective-permission matrix: every (subject, scope, verb, resource) a binding grants, sorted.</summary>
    private static byte[] Permissions(Core.Snapshot.ClusterSnapshot snapshot)
    {
        var tuples = PermissionDrift.Tuples(PermissionIndex.Build(snapshot)).Order().ToList();
        using var output = new MemoryStream();
        using (var w = new Utf8JsonWriter(output, Indented))
        {
            w.WriteStartObject();
            w.WriteString("description", "Every effective permission held through a RoleBinding or ClusterRoleBinding: namespace null means cluster-wide; wildcards are literal.");
            w.WriteStartArray("permissions");
            foreach (var t in tuples)
            {
                w.WriteStartObject();
                w.WriteString("subject", t.Subject);
                w.WriteString("namespace", t.Namespace);
                w.WriteString("verb", t.Verb);
                w.WriteString("apiGroup", t.ApiGroup);
                w.WriteString("resource", t.Resource);
                w.WriteString("resourceName", t.ResourceName);
                w.WriteString("nonResourceUrl", t.NonResourceUrl);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
        return output.ToArray();
    }

    /// <summary>The scan's findings with their state and exception in the scan, and when the cluster first saw each.</summary>
    private static byte[] Findings(ScanStore store, StoredScan scan)
    {
        var lifecycles = store.FindingHistory(scan.Cluster).ToDictionary(r => r.Latest.Fingerprint, StringComparer.Ordinal);
        using var output = new MemoryStream();
        using (var w = new Utf8JsonWriter(output, Indented))
        {
            w.WriteStartObject();
            w.WriteNumber("scanId", scan.Id);
            w.WriteStartArray("findings");
            foreach (var f in store.FindingsOf(scan.Id))
            {
                w.WriteStartObject();
                w.WriteString("id", f.Fingerprint);
                w.WriteString("ruleId", f.RuleId);
                w.WriteString("title", f.Title);
                w.WriteString("severity", Core.Findings.SeverityNames.ToName(f.Severity));
                w.WriteString("state", f.State.ToString().ToLowerInvariant());
                w.WriteString("layer", f.Layer);
                w.WriteString("object", f.Object?.ToString());
                w.WriteString("subject", f.Subject?.ToString());
                w.WriteString("message", f.Message);
                if (f.Exception is { } e)
                {
                    w.WriteStartObject("exception");
                    w.WriteString("reason", e.Reason);
                    w.WriteString("approvedBy", e.ApprovedBy);
                    w.WriteString("expires", e.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("exception");
                }

                // Only what later scans cannot change: a bundle re-created later must be byte-identical.
                if (lifecycles.TryGetValue(f.Fingerprint, out var life) && life.FirstScanId <= scan.Id)
                {
                    w.WriteString("firstSeen", Time(life.FirstSeen));
                    w.WriteNumber("firstScanId", life.FirstScanId);
                }
                else
                {
                    w.WriteNull("firstSeen");
                    w.WriteNull("firstScanId");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
        return output.ToArray();
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
