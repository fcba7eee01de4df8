namespace ComplianceScanner.Core.Reporting;

/// <summary>The public key that signs this scan's evidence bundles (see docs/evidence.md), so a reader can match it with a bundle.</summary>
/// <param name="Fingerprint"><c>sha256:</c> and the hex SHA-256 of the DER SubjectPublicKeyInfo.</param>
/// <param name="PublicKeyPem">The public key, PEM.</param>
public sealed record ReportSigningKey(string Fingerprint, string PublicKeyPem);
