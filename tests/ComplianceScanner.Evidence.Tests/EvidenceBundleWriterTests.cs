using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComplianceScanner.History;

namespace ComplianceScanner.Evidence.Tests;

public sealed class EvidenceBundleWriterTests
{
    private static EvidenceKey NewKey()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return EvidenceKey.FromPem(ecdsa.ExportPkcs8PrivateKeyPem(), "test");
    }

    private static Dictionary<string, byte[]> Contents(string bundle)
    {
        using var stream = File.OpenRead(bundle);
        return DeterministicTarGz.Read(stream).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
    }

    private static string ManifestDigest(Dictionary<string, byte[]> files) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(files["manifest.json"]));

    [Fact]
    public void Bundle_holds_every_piece_of_evidence_listed_in_the_manifest()
    {
        using var fixture = new EvidenceFixture();
        var scan = fixture.Record(1);
        using var key = NewKey();

        var bundle = new EvidenceBundleWriter().Write(fixture.Store, null, key, Path.Combine(fixture.Directory, "out"));
        var files = Contents(bundle.Path);

        Assert.Equal(Path.Combine(fixture.Directory, "out", "evidence-fixture-scan-000001.tar.gz"), bundle.Path);
        Assert.Equal(scan, bundle.Manifest.ScanId);
        foreach (var expected in new[]
        {
            "manifest.json", "manifest.sig", "public-key.pem", "snapshot.json", "effective-permissions.json", "findings.json",
            "config/scanner.yaml", "templates/report.html.sbn", "templates/partials/drift.html.sbn", "templates/report.md.sbn",
            "reports/report.json", "reports/report.html", "reports/report.md", "reports/report.sarif",
            "rules/catalogue.json", "rules/docs/SOD-ING-001.md", "rules/docs/SOD-RBAC-001.md",
        })
        {
            Assert.True(files.ContainsKey(expected), expected + " is missing from " + string.Join(", ", files.Keys));
        }

        Assert.Equal(
            files.Keys.Where(k => k is not ("manifest.json" or "manifest.sig")).Order(StringComparer.Ordinal),
            bundle.Manifest.Files.Select(f => f.Path));
        Assert.All(bundle.Manifest.Files, f => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(files[f.Path])), f.Sha256));
        Assert.Equal(EvidenceFixture.Config, Encoding.UTF8.GetString(files["config/scanner.yaml"]));
        Assert.Empty(bundle.Manifest.Notes);
        Assert.Null(bundle.Manifest.Previous);
        Assert.Equal(key.Fingerprint, bundle.Manifest.PublicKeyFingerprint);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(bundle.Path))), bundle.Digest);
        Assert.Contains("<h2>Since last scan</h2>", Encoding.UTF8.GetString(files["reports/report.html"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_are_metadata_only_and_findings_carry_state_and_exception()
    {
        using var fixture = new EvidenceFixture();
        fixture.Record(1);
        using var key = NewKey();

        var files = Contents(new EvidenceBundleWriter().Write(fixture.Store, null, key, fixture.Directory).Path);

        foreach (var (path, content) in files)
        {
            Assert.DoesNotContain(EvidenceFixture.SecretValue, Encoding.UTF8.GetString(content), StringComparison.Ordinal);
        }

        Assert.Contains("shop-tls", Encoding.UTF8.GetString(files["snapshot.json"]), StringComparison.Ordinal);
        using var findings = JsonDocument.Parse(files["findings.json"]);
        var excepted = findings.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "SOD-ING-010");
        Assert.Equal("excepted", excepted.GetProperty("state").GetString());
        Assert.Equal("jane (CISO)", excepted.GetProperty("exception").GetProperty("approvedBy").GetString());
        Assert.Equal("2026-04-01", excepted.GetProperty("exception").GetProperty("expires").GetString());
        Assert.Equal(1, excepted.GetProperty("firstScanId").GetInt64());
    }

    [Fact]
    public void Two_bundles_of_the_same_scan_are_byte_identical_even_after_later_scans_and_bundles()
    {
        using var fixture = new EvidenceFixture();
        fixture.Record(1);
        var second = fixture.Record(2);
        using var key = NewKey();
        var writer = new EvidenceBundleWriter();
        writer.Write(fixture.Store, 1, key, Path.Combine(fixture.Directory, "chain"));

        var a = File.ReadAllBytes(writer.Write(fixture.Store, second, key, Path.Combine(fixture.Directory, "a")).Path);
        fixture.Record(3);
        writer.Write(fixture.Store, 3, key, Path.Combine(fixture.Directory, "chain"));
        var b = File.ReadAllBytes(writer.Write(fixture.Store, second, key, Path.Combine(fixture.Directory, "b")).Path);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Second_bundle_of_a_scan_reuses_the_signature_stored_with_the_first()
    {
        using var fixture = new EvidenceFixture();
        fixture.Record(1);
        using var key = NewKey();
        var writer = new EvidenceBundleWriter();

        var first = writer.Write(fixture.Store, 1, key, Path.Combine(fixture.Directory, "a"));
        var second = writer.Write(fixture.Store, 1, key, Path.Combine(fixture.Directory, "b"));
        var files = Contents(second.Path);

        Assert.False(first.SignatureReused);
        Assert.True(second.SignatureReused);
        Assert.Equal(File.ReadAllBytes(first.Path), File.ReadAllBytes(second.Path));
        Assert.Equal(files["manifest.sig"], fixture.Store.BundleSignature(ManifestDigest(files), key.Fingerprint));
        Assert.Equal([first.Digest], fixture.Store.Bundles("fixture").Select(b => b.Digest));
        Assert.False(File.Exists(second.Path + ".tmp"));
    }

    [Fact]
    public void Tampered_stored_signature_is_not_reused_but_replaced_by_a_new_valid_one()
    {
        using var fixture = new EvidenceFixture();
        fixture.Record(1);
        using var key = NewKey();
        var writer = new EvidenceBundleWriter();
        var first = writer.Write(fixture.Store, 1, key, Path.Combine(fixture.Directory, "a"));
        var manifestDigest = ManifestDigest(Contents(first.Path));
        var original = fixture.Store.BundleSignature(manifestDigest, key.Fingerprint)!;
        var tampered = (byte[])original.Clone();
        tampered[^1] ^= 0x01;
        Assert.Same(tampered, fixture.Store.RecordBundleSignature(manifestDigest, key.Fingerprint, tampered, replacing: original));

        var second = writer.Write(fixture.Store, 1, key, Path.Combine(fixture.Directory, "b"));
        var signature = Contents(second.Path)["manifest.sig"];

        Assert.False(second.SignatureReused);
        Assert.NotEqual(tampered, signature);
        Assert.True(key.Verify(Contents(second.Path)["manifest.json"], signature));
        Assert.Equal(signature, fixture.Store.BundleSignature(manifestDigest, key.Fingerprint));
        Assert.True(EvidenceBundleVerifier.Verify(second.Path, key.PublicKeyPem).Valid);
    }

    [Fact]
    public void Another_key_signs_anew_and_each_key_keeps_its_own_stored_signature()
    {
        using var fixture = new EvidenceFixture();
        fixture.Record(1);
        using var key = NewKey();
        using var other = NewKey();
        var writer = new EvidenceBundleWriter();

        var first = writer.Write(fixture.Store, 1, key, Path.Combine(fixture.Directory, "a"));
        var byOther = writer.Write(fixture.Store, 1, other, Path.Combine(fixture.Directory, "b"));
        var again = writer.Write(fixture.Store, 1, key, Path.Combine(fixture.Directory, "c"));

        Assert.False(byOther.SignatureReused);
        Assert.Equal(other.Fingerprint, byOther.Manifest.PublicKeyFingerprint);
        Assert.True(EvidenceBundleVerifier.Verify(byOther.Path, other.PublicKeyPem).Valid);
        Assert.False(EvidenceBundleVerifier.Verify(byOther.Path, key.PublicKeyPem).Valid);
        Assert.NotNull(fixture.Store.BundleSignature(ManifestDigest(Contents(byOther.Path)), other.Fingerprint));
        Assert.True(again.SignatureReused);
        Assert.Equal(File.ReadAllBytes(first.Path), File.ReadAllBytes(again.Path));
    }

    [Fact]
    public void Each_bundle_chains_to_the_previous_scans_bundle_through_the_store()
    {
        using var fixture = new EvidenceFixture();
        fixture.Record(1);
        fixture.Record(2);
        using var key = NewKey();
        var writer = new EvidenceBundleWriter();

        var first = writer.Write(fixture.Store, 1, key, fixture.Directory);
        var second = writer.Write(fixture.Store, 2, key, fixture.Directory);

        Assert.Null(first.Manifest.Previous);
        Assert.Equal(new PreviousBundle(first.Digest, 1, "evidence-fixture-scan-000001.tar.gz"), second.Manifest.Previous);
        Assert.Equal([first.Digest, second.Digest], fixture.Store.Bundles("fixture").Select(b => b.Digest));
        Assert.True(EvidenceBundleVerifier.Verify(second.Path, key.PublicKeyPem, first.Path).Valid);
    }

    [Fact]
    public void Scan_recorded_without_its_files_is_bundled_with_notes_saying_what_is_missing()
    {
        using var fixture = new EvidenceFixture();
        var bare = fixture.Store.Record(
            new ScanRecording
            {
                Cluster = "bare",
                StartedAt = EvidenceFixture.Day1,
                FinishedAt = EvidenceFixture.Day1,
                Snapshot = Core.Snapshot.ClusterSnapshot.Empty,
                Findings = [],
                Complete = true,
            },
            RetentionPolicy.Default);
        using var key = NewKey();

        var bundle = new EvidenceBundleWriter().Write(fixture.Store, bare.Scan.Id, key, fixture.Directory);

        Assert.Equal(3, bundle.Manifest.Notes.Length);
        Assert.Contains(bundle.Manifest.Notes, n => n.StartsWith("config/scanner.yaml is missing", StringComparison.Ordinal));
        Assert.True(EvidenceBundleVerifier.Verify(bundle.Path).Valid);
    }

    [Fact]
    public async Task Post_scan_form_bundles_the_scan_a_recorded_report_describes()
    {
        using var fixture = new EvidenceFixture();
        fixture.Record(1);
        var second = fixture.Record(2);
        using var key = NewKey();
        var json = fixture.Store.FilesOf(second).Single(f => f.Path == ScanFiles.ReportPath).Content;
        var report = Rendering.ReportJson.Deserialize(Encoding.UTF8.GetString(json));
        var writer = new EvidenceBundleWriter();

        var bundle = await writer.WriteAsync(fixture.Store, report, key, fixture.Directory);
        var unrecorded = await Assert.ThrowsAsync<EvidenceException>(() => writer.WriteAsync(fixture.Store, report with { Drift = null }, key, fixture.Directory));

        Assert.Equal(second, bundle.Manifest.ScanId);
        Assert.Contains("only a scan recorded in a history store can be bundled", unrecorded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_keeps_the_newest_scans_bundles_by_scan_id_and_touches_nothing_else()
    {
        using var fixture = new EvidenceFixture();
        var dir = Path.Combine(fixture.Directory, "bundles");
        Directory.CreateDirectory(dir);
        foreach (var name in new[] { "evidence-a-scan-000009.tar.gz", "evidence-a-scan-000010.tar.gz", "evidence-a-scan-000002.tar.gz", "notes.txt", "evidence-a-scan-x.tar.gz" })
        {
            File.WriteAllText(Path.Combine(dir, name), name);
        }

        var deleted = EvidenceBundleWriter.ApplyRetention(dir, 2);

        Assert.Equal(Path.Combine(dir, "evidence-a-scan-000002.tar.gz"), Assert.Single(deleted));
        Assert.Equal(
            ["evidence-a-scan-000009.tar.gz", "evidence-a-scan-000010.tar.gz", "evidence-a-scan-x.tar.gz", "notes.txt"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
