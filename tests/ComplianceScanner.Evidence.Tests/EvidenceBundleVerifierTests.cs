using System.Security.Cryptography;
using System.Text;

namespace ComplianceScanner.Evidence.Tests;

/// <summary>The acceptance tests of issue 7: any change to a bundle, or a wrong chain link, fails verification with the reason.</summary>
public sealed class EvidenceBundleVerifierTests : IDisposable
{
    private readonly EvidenceFixture fixture = new();
    private readonly EvidenceKey key;
    private readonly EvidenceBundle first;
    private readonly EvidenceBundle second;

    public EvidenceBundleVerifierTests()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        key = EvidenceKey.FromPem(ecdsa.ExportPkcs8PrivateKeyPem(), "test");
        fixture.Record(1);
        fixture.Record(2);
        first = new EvidenceBundleWriter().Write(fixture.Store, 1, key, fixture.Directory);
        second = new EvidenceBundleWriter().Write(fixture.Store, 2, key, fixture.Directory);
    }

    public void Dispose()
    {
        key.Dispose();
        fixture.Dispose();
    }

    private List<BundleFile> Files()
    {
        using var stream = File.OpenRead(second.Path);
        return DeterministicTarGz.Read(stream);
    }

    private string Rewrite(IEnumerable<BundleFile> files, string name)
    {
        var path = Path.Combine(fixture.Directory, name + ".tar.gz");
        File.WriteAllBytes(path, DeterministicTarGz.Write(files, EvidenceFixture.Day1));
        return path;
    }

    [Fact]
    public void Untouched_bundle_is_valid_with_its_own_key_the_given_key_and_its_predecessor()
    {
        var own = EvidenceBundleVerifier.Verify(second.Path);
        var given = EvidenceBundleVerifier.Verify(second.Path, key.PublicKeyPem, first.Path);

        Assert.True(own.Valid, own.Reason);
        Assert.True(own.KeyFromBundle);
        Assert.True(given.Valid, given.Reason);
        Assert.False(given.KeyFromBundle);
        Assert.Contains("chained to", given.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipping_any_byte_of_any_file_fails_with_the_reason()
    {
        var files = Files();
        foreach (var target in files)
        {
            foreach (var at in new[] { 0, target.Content.Length / 2, target.Content.Length - 1 }.Distinct())
            {
                var changed = target.Content.ToArray();
                changed[at] ^= 0x01;
                var path = Rewrite(files.Select(f => f.Path == target.Path ? f with { Content = changed } : f), "flipped");

                var own = EvidenceBundleVerifier.Verify(path);
                var given = EvidenceBundleVerifier.Verify(path, key.PublicKeyPem);

                Assert.False(own.Valid, $"{target.Path} byte {at} flipped, yet valid");
                Assert.False(given.Valid, $"{target.Path} byte {at} flipped, yet valid with the given key");
                var expected = target.Path switch
                {
                    "manifest.json" or "manifest.sig" => new[] { "signature", "manifest" },
                    "public-key.pem" => ["public-key.pem", "public key"],
                    _ => [target.Path],
                };
                Assert.True(expected.Any(e => own.Reason.Contains(e, StringComparison.Ordinal)), $"{target.Path} byte {at}: reason '{own.Reason}'");
            }
        }
    }

    [Fact]
    public void Flipping_a_byte_of_the_archive_itself_fails()
    {
        var bytes = File.ReadAllBytes(second.Path);
        var failures = 0;
        var positions = Enumerable.Range(0, 40).Select(i => 10 + (int)((long)i * (bytes.Length - 11) / 40)).ToList();
        foreach (var at in positions)
        {
            var changed = bytes.ToArray();
            changed[at] ^= 0x10;
            var path = Path.Combine(fixture.Directory, "raw.tar.gz");
            File.WriteAllBytes(path, changed);
            failures += EvidenceBundleVerifier.Verify(path).Valid ? 0 : 1;
        }

        Assert.Equal(positions.Count, failures);
    }

    [Fact]
    public void Removing_any_file_fails_naming_it()
    {
        var files = Files();
        foreach (var target in files)
        {
            var path = Rewrite(files.Where(f => f.Path != target.Path), "removed");

            var result = EvidenceBundleVerifier.Verify(path, key.PublicKeyPem);

            Assert.False(result.Valid, target.Path + " removed, yet valid");
            Assert.Contains(target.Path, result.Reason, StringComparison.Ordinal);
            Assert.Contains("missing", result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Adding_a_file_fails_naming_it()
    {
        var path = Rewrite([.. Files(), new BundleFile("reports/extra.html", Encoding.UTF8.GetBytes("<p>all fine</p>"))], "added");

        var result = EvidenceBundleVerifier.Verify(path, key.PublicKeyPem);

        Assert.False(result.Valid);
        Assert.Contains("reports/extra.html is not listed in the manifest", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_previous_bundle_or_a_chain_start_given_a_predecessor_fails_as_a_broken_chain()
    {
        var self = EvidenceBundleVerifier.Verify(second.Path, key.PublicKeyPem, second.Path);
        var firstWithPrevious = EvidenceBundleVerifier.Verify(first.Path, key.PublicKeyPem, second.Path);

        Assert.False(self.Valid);
        Assert.StartsWith("broken chain: the manifest names previous bundle " + first.Digest, self.Reason, StringComparison.Ordinal);
        Assert.False(firstWithPrevious.Valid);
        Assert.Contains("is the first of its chain", firstWithPrevious.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundle_signed_by_another_key_fails_against_the_expected_public_key()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var otherPublic = ecdsa.ExportSubjectPublicKeyInfoPem();

        var result = EvidenceBundleVerifier.Verify(second.Path, otherPublic);

        Assert.False(result.Valid);
        Assert.Contains($"signed by key {key.Fingerprint}, not by the given public key", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Re_signed_manifest_with_a_swapped_key_is_caught_by_the_expected_public_key()
    {
        // An attacker who edits a file, rewrites the manifest and signs it with their own key (shipping their public key)
        // passes the self-check, but not a check against the auditor's copy of the real public key.
        using var attacker = EvidenceKey.FromPem(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(), "attacker");
        var files = Files().Where(f => f.Path is not ("manifest.json" or "manifest.sig")).ToList();
        files = [.. files.Select(f => f.Path switch
        {
            "findings.json" => f with { Content = Encoding.UTF8.GetBytes("{\"findings\": []}\n") },
            "public-key.pem" => f with { Content = Encoding.UTF8.GetBytes(attacker.PublicKeyPem) },
            _ => f,
        })];
        var manifest = EvidenceManifest.Parse(Files().Single(f => f.Path == "manifest.json").Content) with
        {
            PublicKeyFingerprint = attacker.Fingerprint,
            Files = [.. files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => new ManifestEntry(f.Path, f.Content.Length, Convert.ToHexStringLower(SHA256.HashData(f.Content))))],
        };
        var json = manifest.ToJson();
        var path = Rewrite([.. files, new BundleFile("manifest.json", json), new BundleFile("manifest.sig", attacker.Sign(json))], "forged");

        Assert.True(EvidenceBundleVerifier.Verify(path).Valid);
        Assert.False(EvidenceBundleVerifier.Verify(path, key.PublicKeyPem).Valid);
    }

    [SkippableFact]
    public void Manifest_signature_verifies_with_openssl_and_a_changed_manifest_does_not()
    {
        // The format promise in docs/evidence.md: auditors can check the signature without this scanner.
        var openssl = new[] { "/usr/bin/openssl", "/usr/local/bin/openssl" }.FirstOrDefault(File.Exists);
        Skip.If(openssl is null, "openssl is not installed; the OpenSSL interoperability check is skipped.");
        var dir = Path.Combine(fixture.Directory, "openssl");
        Directory.CreateDirectory(dir);
        var files = Files().ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        File.WriteAllBytes(Path.Combine(dir, "manifest.json"), files["manifest.json"]);
        File.WriteAllBytes(Path.Combine(dir, "changed.json"), [.. files["manifest.json"], (byte)' ']);
        File.WriteAllBytes(Path.Combine(dir, "manifest.sig"), files["manifest.sig"]);
        File.WriteAllBytes(Path.Combine(dir, "public-key.pem"), files["public-key.pem"]);

        Assert.Equal(0, OpenSslVerify(openssl!, dir, "manifest.json"));
        Assert.Equal(1, OpenSslVerify(openssl!, dir, "changed.json"));
    }

    private static int OpenSslVerify(string openssl, string dir, string data)
    {
        var start = new System.Diagnostics.ProcessStartInfo(openssl)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "dgst", "-sha256", "-verify", "public-key.pem", "-signature", "manifest.sig", data })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
