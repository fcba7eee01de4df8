using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ComplianceScanner.Delivery;

/// <summary>
/// Deterministic Message-IDs: the same cluster, schedule, audience and window always give the same id, so a message
/// sent again after a crash (accepted, not yet marked sent) can be recognised and dropped by the receiving side.
/// </summary>
public static class MessageIds
{
    public const string Domain = "compliance-scanner";

    /// <summary>The id without angle brackets: <c>&lt;sha256 hex&gt;@compliance-scanner</c>.</summary>
    public static string For(string cluster, string schedule, string audience, DateTimeOffset windowStart)
    {
        var key = string.Join('\n', cluster, schedule, audience, windowStart.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + "@" + Domain;
    }
}
