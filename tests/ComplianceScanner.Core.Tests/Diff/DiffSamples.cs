using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Findings;
using ComplianceScanner.Core.Model;

namespace ComplianceScanner.Core.Tests.Diff;

/// <summary>Small findings for lifecycle and drift tests.</summary>
internal static class DiffSamples
{
    public static readonly DateTimeOffset T1 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static ScanFinding Finding(string name, FindingState state = FindingState.Open, Severity severity = Severity.High) => new()
    {
        Fingerprint = "fp-" + name,
        RuleId = "SOD-ING-001",
        Title = "t",
        Severity = severity,
        State = state,
        Object = new ObjectReference("Ingress", "shop", name),
        Key = name,
        Exception = state == FindingState.Excepted ? new AppliedException("r", "a", new DateOnly(2026, 6, 1)) : null,
    };
}
