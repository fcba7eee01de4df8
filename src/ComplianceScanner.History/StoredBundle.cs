namespace ComplianceScanner.History;

/// <summary>An evidence bundle the store knows was written: the chain of a cluster's bundles links through these digests.</summary>
/// <param name="ScanId">The scan it holds (the scan itself may since have been pruned).</param>
/// <param name="Digest"><c>sha256:</c> and the hex SHA-256 of the bundle file.</param>
/// <param name="FileName">Its file name.</param>
/// <param name="KeyFingerprint">The fingerprint of the key that signed it.</param>
public sealed record StoredBundle(long ScanId, string Digest, string FileName, string KeyFingerprint);
