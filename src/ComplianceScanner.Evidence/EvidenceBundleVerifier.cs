using System.Security.Cryptography;
using System.Text;

namespace ComplianceScanner.Evidence;

/// <summary>
/// Checks a bundle: it is a readable tar.gz of regular files; the manifest lists exactly the other files, each with its
/// size and SHA-256; the signature over the manifest holds for the given public key (or, without one, for the key in the
/// bundle, whose fingerprint must match the manifest); and, given the previous bundle, the manifest names its digest.
/// </summary>
public static class EvidenceBundleVerifier
{
    /// <summary>Verifies the bundle at <paramref name="bundlePath"/>.</summary>
    /// <param name="bundlePath">The bundle.</param>
    /// <param name="publicKeyPem">The public key it must be signed with; null to use the key inside the bundle.</param>
    /// <param name="previousBundlePath">The bundle that must precede it in the chain; null to skip the chain check.</param>
    /// <exception cref="FileNotFoundException">A given file does not exist.</exception>
    /// <exception cref="EvidenceException">The given public key is not a P-256 public key PEM.</exception>
    public static BundleVerification Verify(string bundlePath, string? publicKeyPem = null, string? previousBundlePath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bundlePath);
        var expectedFingerprint = publicKeyPem is null ? null : EvidenceKey.FingerprintOfPem(publicKeyPem, "--public-key");
        var result = VerifyFile(bundlePath, publicKeyPem, expectedFingerprint);
        if (!result.Valid || previousBundlePath is null)
        {
            return result;
        }

        var manifest = result.Manifest!;
        var previousDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(previousBundlePath)));
        if (manifest.Previous is null)
        {
            return BundleVerification.Fail($"broken chain: the bundle (scan {manifest.ScanId}) is the first of its chain (its manifest names no previous bundle), but {previousBundlePath} was given as its predecessor", manifest);
        }

        if (!string.Equals(manifest.Previous.Digest, previousDigest, StringComparison.Ordinal))
        {
            return BundleVerification.Fail(
                $"broken chain: the manifest names previous bundle {manifest.Previous.Digest} ({manifest.Previous.FileName}, scan {manifest.Previous.ScanId}), but {previousBundlePath} has digest {previousDigest}",
                manifest);
        }

        // The predecessor must be intact too, or the link vouches for nothing; it may be signed by an earlier key.
        var previous = VerifyFile(previousBundlePath, null, null);
        if (!previous.Valid)
        {
            return BundleVerification.Fail($"broken chain: the previous bundle {previousBundlePath} is not valid: {previous.Reason}", manifest);
        }

        return result with { Reason = result.Reason + $"; chained to {previousBundlePath} (scan {previous.Manifest!.ScanId}, {previousDigest})" };
    }

    private static BundleVerification VerifyFile(string path, string? publicKeyPem, string? expectedFingerprint)
    {
        List<BundleFile> files;
        using (var stream = File.OpenRead(path))
        {
            try
            {
                files = DeterministicTarGz.Read(stream);
            }
            catch (InvalidDataException ex)
            {
                return BundleVerification.Fail($"{path}: {ex.Message}");
            }
        }

        var byPath = files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        if (!byPath.TryGetValue(EvidenceManifest.FileName, out var manifestJson))
        {
            return BundleVerification.Fail($"{path}: {EvidenceManifest.FileName} is missing");
        }

        if (!byPath.TryGetValue(EvidenceManifest.SignatureFileName, out var signature))
        {
            return BundleVerification.Fail($"{path}: {EvidenceManifest.SignatureFileName} is missing");
        }

        EvidenceManifest manifest;
        try
        {
            manifest = EvidenceManifest.Parse(manifestJson);
        }
        catch (InvalidDataException ex)
        {
            return BundleVerification.Fail($"{path}: {ex.Message}");
        }

        // The signature first: a manifest that is not the signed one says nothing trustworthy about the files.
        var keyFromBundle = publicKeyPem is null;
        if (expectedFingerprint is not null && !string.Equals(expectedFingerprint, manifest.PublicKeyFingerprint, StringComparison.Ordinal))
        {
            return BundleVerification.Fail($"{path}: signed by key {manifest.PublicKeyFingerprint}, not by the given public key {expectedFingerprint}", manifest);
        }

        if (publicKeyPem is null)
        {
            if (!byPath.TryGetValue(EvidenceManifest.PublicKeyFileName, out var embedded))
            {
                return BundleVerification.Fail($"{path}: {EvidenceManifest.PublicKeyFileName} is missing and no --public-key was given", manifest);
            }

            publicKeyPem = Encoding.UTF8.GetString(embedded);
            string fingerprint;
            try
            {
                fingerprint = EvidenceKey.FingerprintOfPem(publicKeyPem, EvidenceManifest.PublicKeyFileName);
            }
            catch (EvidenceException ex)
            {
                return BundleVerification.Fail($"{path}: {ex.Message}", manifest);
            }

            if (!string.Equals(fingerprint, manifest.PublicKeyFingerprint, StringComparison.Ordinal))
            {
                return BundleVerification.Fail($"{path}: {EvidenceManifest.PublicKeyFileName} has fingerprint {fingerprint}, but the manifest names {manifest.PublicKeyFingerprint}", manifest);
            }
        }

        if (!EvidenceKey.Verify(publicKeyPem, "public key", manifestJson, signature))
        {
            return BundleVerification.Fail($"{path}: the signature in {EvidenceManifest.SignatureFileName} does not match {EvidenceManifest.FileName} (the manifest or the signature was changed)", manifest);
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            if (!listed.Add(entry.Path) || entry.Path is EvidenceManifest.FileName or EvidenceManifest.SignatureFileName)
            {
                return BundleVerification.Fail($"{path}: the manifest lists {entry.Path} twice, or lists itself", manifest);
            }

            if (!byPath.TryGetValue(entry.Path, out var content))
            {
                return BundleVerification.Fail($"{path}: {entry.Path} is listed in the manifest but missing from the bundle", manifest);
            }

            if (content.LongLength != entry.Size)
            {
                return BundleVerification.Fail($"{path}: {entry.Path} has {content.LongLength} bytes, the manifest says {entry.Size}", manifest);
            }

            var digest = EvidenceBundleWriter.Sha256(content);
            if (!string.Equals(digest, entry.Sha256, StringComparison.Ordinal))
            {
                return BundleVerification.Fail($"{path}: {entry.Path} has SHA-256 {digest}, the manifest says {entry.Sha256} (the file was changed)", manifest);
            }
        }

        var extra = files.Select(f => f.Path)
            .Where(p => p is not (EvidenceManifest.FileName or EvidenceManifest.SignatureFileName) && !listed.Contains(p))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (extra.Count > 0)
        {
            return BundleVerification.Fail($"{path}: {string.Join(", ", extra)} {(extra.Count == 1 ? "is" : "are")} not listed in the manifest (added after signing)", manifest);
        }

        var by = keyFromBundle ? $"the key inside the bundle ({manifest.PublicKeyFingerprint}; pass --public-key to check who signed it)" : $"the given key ({manifest.PublicKeyFingerprint})";
        return new BundleVerification(true, $"{manifest.Files.Length} files match the manifest; signature by {by} holds", manifest, keyFromBundle);
    }
}
