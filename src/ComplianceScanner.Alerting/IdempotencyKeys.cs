using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ComplianceScanner.Alerting;

/// <summary>
/// Idempotency keys: one per (sink, finding, transition, scan), and one per message (the keys of the rows it carries).
/// A message re-sent after a crash or a timeout carries the same key, so a receiver that dedupes acts on it once.
/// </summary>
internal static class IdempotencyKeys
{
    public static string ForTransition(string sink, string fingerprint, string transition, long scanId) =>
        Hash(string.Create(CultureInfo.InvariantCulture, $"{sink}\n{fingerprint}\n{transition}\n{scanId}"));

    public static string ForMessage(IReadOnlyList<string> rowKeys)
    {
        ArgumentNullException.ThrowIfNull(rowKeys);
        return rowKeys.Count == 1 ? rowKeys[0] : Hash(string.Join('\n', rowKeys));
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
