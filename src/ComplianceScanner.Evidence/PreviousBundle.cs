namespace ComplianceScanner.Evidence;

/// <summary>The bundle a manifest chains to: the digest of its whole <c>.tar.gz</c> file, its scan, and its file name.</summary>
/// <param name="Digest"><c>sha256:</c> and the hex SHA-256 of the previous bundle file's bytes.</param>
/// <param name="ScanId">The scan the previous bundle holds.</param>
/// <param name="FileName">Its file name when it was written (informational; the digest is what binds).</param>
public sealed record PreviousBundle(string Digest, long ScanId, string FileName);
