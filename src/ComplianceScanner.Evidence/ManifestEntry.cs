namespace ComplianceScanner.Evidence;

/// <summary>One file the manifest lists: its path in the bundle, its size in bytes and its SHA-256 (lowercase hex).</summary>
public sealed record ManifestEntry(string Path, long Size, string Sha256);
