using System.Security.Cryptography;
using System.Text;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Findings;

/// <summary>Computes stable finding ids from what makes a finding true, never from volatile data.</summary>
public static class FindingFingerprint
{
    public static string Compute(string ruleId, ObjectReference? obj, Subject? subject, string key)
    {
        var text = string.Join('\n', ruleId, obj?.ToString() ?? "-", subject?.ToString() ?? "-", key);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
