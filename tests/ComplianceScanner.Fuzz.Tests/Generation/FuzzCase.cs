using System.Security.Cryptography;

namespace ComplianceScanner.Fuzz.Tests.Generation;

/// <summary>
/// One generated input: the bytes of a file and how they were made. <see cref="Pristine"/> inputs were generated from
/// valid documents with no mutation, so they must load without error; <see cref="JsonTwin"/>, when set, is the same
/// documents as JSON, which must load to the same objects.
/// </summary>
internal sealed record FuzzCase(string Description, byte[] Bytes, bool Pristine, byte[]? JsonTwin)
{
    /// <summary>Short, so that a failure report stays readable; the full input is saved to a file.</summary>
    public override string ToString() => $"{Description} [{Bytes.Length} bytes, sha256 {Id}]";

    public string Id => Convert.ToHexStringLower(SHA256.HashData(Bytes))[..16];
}
