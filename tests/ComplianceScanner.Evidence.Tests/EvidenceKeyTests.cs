using System.Security.Cryptography;
using ComplianceScanner.TestSupport;

namespace ComplianceScanner.Evidence.Tests;

public sealed class EvidenceKeyTests
{
    [Fact]
    public void First_use_creates_a_private_key_readable_only_by_the_owner_and_a_public_key_then_reuses_them()
    {
        using var dir = new TempDirectory();
        var privatePath = Path.Combine(dir.Path, "keys", "scanner-evidence.key");
        var publicPath = Path.Combine(dir.Path, "keys", "scanner-evidence.pub");

        var created = EvidenceKey.LoadOrCreate(privatePath, publicPath);
        var loaded = EvidenceKey.LoadOrCreate(privatePath, publicPath);

        using (created.Key)
        using (loaded.Key)
        {
            Assert.True(created.Created);
            Assert.False(loaded.Created);
            Assert.Equal(created.Key.Fingerprint, loaded.Key.Fingerprint);
            Assert.Matches("^sha256:[0-9a-f]{64}$", created.Key.Fingerprint);
            Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(publicPath), StringComparison.Ordinal);
            Assert.Equal(created.Key.Fingerprint, EvidenceKey.FingerprintOfPem(File.ReadAllText(publicPath), "pub"));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privatePath));
            }
        }
    }

    [Fact]
    public void Fingerprint_is_the_SHA256_of_the_DER_SubjectPublicKeyInfo()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = EvidenceKey.FromPem(ecdsa.ExportECPrivateKeyPem(), "test");

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo())), key.Fingerprint);
    }

    [Fact]
    public void Signatures_are_DER_with_a_random_nonce_and_verify_with_the_key_and_its_public_PEM()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = EvidenceKey.FromPem(ecdsa.ExportPkcs8PrivateKeyPem(), "test");
        var data = System.Text.Encoding.UTF8.GetBytes("{\"format\":\"manifest\"}\n");
        byte[] changed = [.. data, 0x20];

        var first = key.Sign(data);
        var second = key.Sign(data);

        // The platform signer draws a fresh nonce: equal signatures would mean a reused nonce.
        Assert.NotEqual(first, second);
        Assert.True(ecdsa.VerifyData(data, first, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.True(key.Verify(data, second));
        Assert.True(EvidenceKey.Verify(key.PublicKeyPem, "pub", data, first));
        Assert.False(key.Verify(changed, first));
        Assert.False(key.Verify(data, [0x30, 0x01, 0x00]));
    }

    [Theory]
    [InlineData("p384", "is on curve")]
    [InlineData("public", "holds a public key only")]
    [InlineData("garbage", "not a PEM-encoded EC private key")]
    public void Unusable_keys_are_refused_with_a_reason(string kind, string expected)
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = kind switch
        {
            "p384" => p384.ExportPkcs8PrivateKeyPem(),
            "public" => p256.ExportSubjectPublicKeyInfoPem(),
            _ => "not a key",
        };

        var ex = Assert.Throws<EvidenceException>(() => EvidenceKey.FromPem(pem, "key.pem"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("signing key key.pem:", ex.Message, StringComparison.Ordinal);
    }
}
