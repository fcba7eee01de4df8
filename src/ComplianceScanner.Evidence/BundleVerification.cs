namespace ComplianceScanner.Evidence;

/// <summary>The outcome of <see cref="EvidenceBundleVerifier.Verify"/>.</summary>
/// <param name="Valid">Every file matches the manifest, the signature holds, and the chain link (when checked) holds.</param>
/// <param name="Reason">Why it is not valid; for a valid bundle, what was checked.</param>
/// <param name="Manifest">The manifest, when it could be read.</param>
/// <param name="KeyFromBundle">
/// True when the signature was checked with the public key inside the bundle (no <c>--public-key</c>): that proves the
/// bundle is intact and self-consistent, not who signed it.
/// </param>
public sealed record BundleVerification(bool Valid, string Reason, EvidenceManifest? Manifest, bool KeyFromBundle)
{
    internal static BundleVerification Fail(string reason, EvidenceManifest? manifest = null) => new(false, reason, manifest, false);
}
