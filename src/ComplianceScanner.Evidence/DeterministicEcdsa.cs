using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace ComplianceScanner.Evidence;

/// <summary>
/// ECDSA P-256 with SHA-256 and a deterministic nonce (RFC 6979, section 3.2), so that signing the same manifest with
/// the same key gives the same signature and a bundle can be re-created byte for byte. .NET's <see cref="ECDsa"/>
/// draws a random nonce and offers no deterministic mode, so the signing arithmetic is done here; verification uses
/// <see cref="ECDsa.VerifyData(byte[], byte[], HashAlgorithmName, DSASignatureFormat)"/>, and the signature is the
/// standard DER form OpenSSL reads (<c>openssl dgst -sha256 -verify</c>).
/// </summary>
/// <remarks>
/// The arithmetic is not constant-time. The key signs manifests of evidence at rest, in a process that runs nothing
/// an attacker controls, so timing side channels are out of scope; RFC 6979 removes the nonce-reuse risk entirely.
/// </remarks>
internal static class DeterministicEcdsa
{
    private static readonly BigInteger P = Hex("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
    private static readonly BigInteger N = Hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
    private static readonly BigInteger A = P - 3;
    private static readonly BigInteger Gx = Hex("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296");
    private static readonly BigInteger Gy = Hex("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5");
    private const int Size = 32;

    /// <summary>Signs <paramref name="data"/> (hashed with SHA-256) with the P-256 private scalar <paramref name="d"/>; DER signature.</summary>
    public static byte[] SignData(ReadOnlySpan<byte> d, ReadOnlySpan<byte> data)
    {
        var (r, s) = SignHash(d, SHA256.HashData(data));
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(s);
        }

        return writer.Encode();
    }

    /// <summary>The signature (r, s) of a SHA-256 hash with a nonce derived per RFC 6979.</summary>
    internal static (BigInteger R, BigInteger S) SignHash(ReadOnlySpan<byte> d, ReadOnlySpan<byte> hash)
    {
        if (d.Length != Size || hash.Length != Size)
        {
            throw new CryptographicException("a P-256 private key and a SHA-256 hash are 32 bytes each");
        }

        var x = Int(d);
        if (x.IsZero || x >= N)
        {
            throw new CryptographicException("the private key is not a valid P-256 scalar");
        }

        // With a 256-bit hash and a 256-bit order, bits2int is the plain big-endian integer.
        var z = Int(hash);
        var e = z % N;
        var key = d.ToArray();
        var h1 = Bytes(e);
        var v = Enumerable.Repeat((byte)0x01, Size).ToArray();
        var k = new byte[Size];
        k = HMACSHA256.HashData(k, Concat(v, [0x00], key, h1));
        v = HMACSHA256.HashData(k, v);
        k = HMACSHA256.HashData(k, Concat(v, [0x01], key, h1));
        v = HMACSHA256.HashData(k, v);
        while (true)
        {
            v = HMACSHA256.HashData(k, v);
            var candidate = Int(v);
            if (!candidate.IsZero && candidate < N)
            {
                var (px, _) = Multiply(candidate, (Gx, Gy));
                var r = px % N;
                var s = Mod(Inverse(candidate, N) * (e + (r * x)), N);
                if (!r.IsZero && !s.IsZero)
                {
                    return (r, s);
                }
            }

            k = HMACSHA256.HashData(k, Concat(v, [0x00]));
            v = HMACSHA256.HashData(k, v);
        }
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static BigInteger Hex(string hex) => new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);

    private static BigInteger Int(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: true);

    private static byte[] Bytes(BigInteger value)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[Size];
        raw.CopyTo(result, Size - raw.Length);
        return result;
    }

    private static BigInteger Mod(BigInteger a, BigInteger m)
    {
        var r = a % m;
        return r.Sign < 0 ? r + m : r;
    }

    private static BigInteger Inverse(BigInteger a, BigInteger m) => BigInteger.ModPow(Mod(a, m), m - 2, m);

    /// <summary>Scalar multiplication by double-and-add in affine coordinates; null is the point at infinity.</summary>
    private static (BigInteger X, BigInteger Y) Multiply(BigInteger k, (BigInteger X, BigInteger Y) point)
    {
        (BigInteger X, BigInteger Y)? result = null;
        (BigInteger X, BigInteger Y)? addend = point;
        while (!k.IsZero)
        {
            if (!k.IsEven)
            {
                result = Add(result, addend);
            }

            addend = Add(addend, addend);
            k >>= 1;
        }

        return result ?? throw new CryptographicException("scalar multiplication reached the point at infinity");
    }

    private static (BigInteger X, BigInteger Y)? Add((BigInteger X, BigInteger Y)? p, (BigInteger X, BigInteger Y)? q)
    {
        if (p is not { } a)
        {
            return q;
        }

        if (q is not { } b)
        {
            return p;
        }

        BigInteger lambda;
        if (a.X == b.X)
        {
            if (Mod(a.Y + b.Y, P).IsZero)
            {
                return null;
            }

            lambda = Mod(((3 * a.X * a.X) + A) * Inverse(2 * a.Y, P), P);
        }
        else
        {
            lambda = Mod((b.Y - a.Y) * Inverse(b.X - a.X, P), P);
        }

        var x = Mod((lambda * lambda) - a.X - b.X, P);
        var y = Mod((lambda * (a.X - x)) - a.Y, P);
        return (x, y);
    }
}
