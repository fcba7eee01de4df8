using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace ComplianceScanner.Evidence.Tests;

public sealed class DeterministicEcdsaTests
{
    private static BigInteger Hex(string hex) => new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);

    [Fact]
    public void RFC_6979_P256_SHA256_test_vector_gives_the_published_signature()
    {
        // RFC 6979, appendix A.2.5: key pair for P-256, message "sample", SHA-256.
        var d = Convert.FromHexString("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");

        var (r, s) = DeterministicEcdsa.SignHash(d, SHA256.HashData(Encoding.ASCII.GetBytes("sample")));

        Assert.Equal(Hex("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"), r);
        Assert.Equal(Hex("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"), s);
    }

    [Fact]
    public void Signatures_verify_with_the_platform_ECDsa_and_repeat_exactly()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var d = ecdsa.ExportParameters(includePrivateParameters: true).D!;
        var data = Encoding.UTF8.GetBytes("{\"format\":\"manifest\"}\n");

        var first = DeterministicEcdsa.SignData(d, data);
        var second = DeterministicEcdsa.SignData(d, data);
        var other = DeterministicEcdsa.SignData(d, data.Append((byte)0x20).ToArray());

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.True(ecdsa.VerifyData(data, first, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.False(ecdsa.VerifyData(data.Append((byte)0x20).ToArray(), first, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }
}
