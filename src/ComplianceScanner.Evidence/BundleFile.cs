namespace ComplianceScanner.Evidence;

/// <summary>One file of a bundle: its path inside the archive ('/' separators, no leading '/') and its bytes.</summary>
public sealed record BundleFile(string Path, byte[] Content);
