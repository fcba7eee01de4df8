using System.IO.Compression;
using System.Security.Cryptography;

namespace ComplianceScanner.History;

/// <summary>How scan files are kept: Brotli-compressed, addressed by the SHA-256 of their raw bytes.</summary>
internal static class BlobCodec
{
    public const string Encoding = "br";

    public static (string Digest, byte[] Data) Encode(byte[] raw)
    {
        using var output = new MemoryStream(raw.Length / 4 + 64);
        using (var brotli = new BrotliStream(output, new BrotliCompressionOptions { Quality = 5 }))
        {
            brotli.Write(raw);
        }

        return (Convert.ToHexStringLower(SHA256.HashData(raw)), output.ToArray());
    }

    /// <exception cref="HistoryStoreException">Unknown encoding, or the blob does not decompress to its digest.</exception>
    public static byte[] Decode(byte[] data, string encoding, string digest)
    {
        if (!string.Equals(encoding, Encoding, StringComparison.Ordinal))
        {
            throw new HistoryStoreException($"stored file encoding '{encoding}' is not supported by this scanner (it reads '{Encoding}')");
        }

        try
        {
            using var input = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            var raw = output.ToArray();

            // Evidence is built from these bytes: a damaged blob must fail here, not end up signed in a bundle.
            return string.Equals(Convert.ToHexStringLower(SHA256.HashData(raw)), digest, StringComparison.Ordinal)
                ? raw
                : throw new HistoryStoreException($"stored file {digest} is damaged: its content no longer matches its SHA-256");
        }
        catch (InvalidDataException ex)
        {
            throw new HistoryStoreException($"stored file {digest} cannot be decompressed: {ex.Message}", ex);
        }
    }
}
