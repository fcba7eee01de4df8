using System.Security.Cryptography;

namespace ComplianceScanner.Evidence;

/// <summary>
/// The ECDSA P-256 key that signs bundle manifests: loaded from a PEM file (a mounted file or Kubernetes Secret), or
/// created on first use. Its fingerprint, <c>sha256:</c> and the hex SHA-256 of the DER SubjectPublicKeyInfo, names it
/// in manifests and reports (<c>openssl pkey -pubin -outform DER | sha256sum</c> gives the same).
/// </summary>
public sealed class EvidenceKey : IDisposable
{
    private readonly ECDsa ecdsa;

    private EvidenceKey(ECDsa ecdsa)
    {
        this.ecdsa = ecdsa;
        PublicKeyPem = ecdsa.ExportSubjectPublicKeyInfoPem() + "\n";
        Fingerprint = FingerprintOf(ecdsa.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The public key, PEM (<c>-----BEGIN PUBLIC KEY-----</c>), newline-terminated.</summary>
    public string PublicKeyPem { get; }

    /// <summary><c>sha256:</c> and 64 hex digits.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// Where the signing key is kept when none is given: beside the history store, named after it
    /// (<c>data/scanner-evidence.key</c> and <c>data/scanner-evidence.pub</c> for <c>data/scanner.db</c>).
    /// </summary>
    public static (string PrivateKey, string PublicKey) DefaultPaths(string storePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(storePath);
        var dir = Path.GetDirectoryName(Path.GetFullPath(storePath))!;
        var stem = Path.GetFileNameWithoutExtension(storePath);
        return (Path.Combine(dir, stem + "-evidence.key"), Path.Combine(dir, stem + "-evidence.pub"));
    }

    /// <summary>
    /// The public key beside a store (<see cref="DefaultPaths"/>) with its fingerprint, for the report; null when there
    /// is none yet or it cannot be read (the report then names no key rather than failing the scan).
    /// </summary>
    public static (string Fingerprint, string PublicKeyPem)? DefaultPublicKey(string storePath)
    {
        var (_, publicKey) = DefaultPaths(storePath);
        try
        {
            var pem = File.ReadAllText(publicKey);
            return (FingerprintOfPem(pem, publicKey), pem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EvidenceException)
        {
            return null;
        }
    }

    /// <summary>Loads a P-256 private key from a PEM file (<c>EC PRIVATE KEY</c> or PKCS#8 <c>PRIVATE KEY</c>).</summary>
    /// <exception cref="EvidenceException">The file is missing, unreadable, not a PEM private key, or not P-256.</exception>
    public static EvidenceKey Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvidenceException($"signing key {path}: cannot read it: {ex.Message}", ex);
        }

        return FromPem(pem, path);
    }

    /// <summary>A key from PEM text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="EvidenceException">Not a PEM private key, or not on curve P-256.</exception>
    public static EvidenceKey FromPem(string pem, string source)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal) && pem.Contains("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal))
        {
            throw new EvidenceException($"signing key {source}: holds a public key only; give the private key (the .pub file is for verifying).");
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            var parameters = ecdsa.ExportParameters(includePrivateParameters: true);

            if (parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new EvidenceException($"signing key {source}: is on curve {parameters.Curve.Oid.FriendlyName ?? parameters.Curve.Oid.Value}, not P-256 (prime256v1). Hint: openssl ecparam -name prime256v1 -genkey -noout -out key.pem");
            }

            return new EvidenceKey(ecdsa);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            throw new EvidenceException($"signing key {source}: not a PEM-encoded EC private key ({ex.Message}). Hint: openssl ecparam -name prime256v1 -genkey -noout -out key.pem", ex);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads the key at <paramref name="privateKeyPath"/>, or creates a new P-256 key pair there when the file does not
    /// exist: the private key PEM with mode 0600 (owner read/write only) and the public key PEM at
    /// <paramref name="publicKeyPath"/>. <see cref="KeyLoad.Created"/> says which happened.
    /// </summary>
    /// <exception cref="EvidenceException">The key exists but is not usable, or the files cannot be written.</exception>
    public static KeyLoad LoadOrCreate(string privateKeyPath, string publicKeyPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(privateKeyPath);
        ArgumentException.ThrowIfNullOrEmpty(publicKeyPath);
        if (File.Exists(privateKeyPath))
        {
            return new KeyLoad(Load(privateKeyPath), Created: false, privateKeyPath, publicKeyPath);
        }

        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = new EvidenceKey(ecdsa);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(privateKeyPath))!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            // CreateNew: two processes racing to create the key cannot overwrite each other's; the loser fails loudly.
            using (var stream = new FileStream(privateKeyPath, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(ecdsa.ExportPkcs8PrivateKeyPem());
                writer.Write('\n');
            }

            File.WriteAllText(publicKeyPath, key.PublicKeyPem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            key.Dispose();
            throw new EvidenceException($"cannot create the signing key {privateKeyPath}: {ex.Message}", ex);
        }

        return new KeyLoad(key, Created: true, privateKeyPath, publicKeyPath);
    }

    /// <summary>The fingerprint of a public key PEM (<c>PUBLIC KEY</c>, or a private key whose public part is used).</summary>
    /// <exception cref="EvidenceException">Not a PEM EC key.</exception>
    public static string FingerprintOfPem(string pem, string source)
    {
        using var ecdsa = ImportPublic(pem, source);
        return FingerprintOf(ecdsa.ExportSubjectPublicKeyInfo());
    }

    /// <summary>
    /// Signs data: ECDSA P-256, SHA-256, DER signature (what <c>openssl dgst -sha256 -verify</c> reads), by the
    /// platform's implementation. The nonce is random, so signing the same data twice gives two different, equally
    /// valid signatures; bundles stay byte-identical by reusing the stored signature (see <see cref="EvidenceBundleWriter"/>).
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>True when <paramref name="signature"/> is a valid DER ECDSA P-256 SHA-256 signature of <paramref name="data"/> by this key.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            // Bytes that are not even well-formed DER are simply not a valid signature.
            return false;
        }
    }

    /// <summary>Verifies a DER ECDSA P-256 SHA-256 signature against a public key PEM.</summary>
    /// <exception cref="EvidenceException">The PEM is not an EC key.</exception>
    public static bool Verify(string publicKeyPem, string source, byte[] data, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signature);
        using var ecdsa = ImportPublic(publicKeyPem, source);
        try
        {
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            // A signature that is not even well-formed DER is simply not valid.
            return false;
        }
    }

    public void Dispose()
    {
        ecdsa.Dispose();
    }

    private static string FingerprintOf(byte[] subjectPublicKeyInfo) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));

    private static ECDsa ImportPublic(string pem, string source)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            if (ecdsa.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new EvidenceException($"public key {source}: not a P-256 key");
            }

            return ecdsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            throw new EvidenceException($"public key {source}: not a PEM-encoded EC public key ({ex.Message})", ex);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }
}
