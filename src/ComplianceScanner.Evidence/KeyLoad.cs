namespace ComplianceScanner.Evidence;

/// <summary>The signing key, and whether <see cref="EvidenceKey.LoadOrCreate"/> just created it (then both files were written).</summary>
/// <param name="Key">The key; the caller disposes it.</param>
/// <param name="Created">True when the key pair did not exist and was created now.</param>
/// <param name="PrivateKeyPath">Where the private key is.</param>
/// <param name="PublicKeyPath">Where the public key PEM was written (when created).</param>
public sealed record KeyLoad(EvidenceKey Key, bool Created, string PrivateKeyPath, string PublicKeyPath);
