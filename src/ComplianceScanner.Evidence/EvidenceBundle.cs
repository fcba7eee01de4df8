namespace ComplianceScanner.Evidence;

/// <summary>A bundle written by <see cref="EvidenceBundleWriter"/>.</summary>
/// <param name="Path">The <c>.tar.gz</c> file.</param>
/// <param name="Digest"><c>sha256:</c> and the hex SHA-256 of the file (what the next bundle chains to).</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="SignatureReused">
/// True when the manifest signature was the one stored from an earlier creation of the same bundle (so the bytes are
/// identical to it); false when it was signed now.
/// </param>
public sealed record EvidenceBundle(string Path, string Digest, EvidenceManifest Manifest, bool SignatureReused = false);
