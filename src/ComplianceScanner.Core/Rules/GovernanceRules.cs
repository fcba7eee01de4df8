using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Rules;

/// <summary>Rules about the scanner's own governance data (exceptions), produced by the evaluator itself.</summary>
public static class GovernanceRules
{
    public static RuleDescriptor ExpiredException { get; } = new(
        "SOD-GOV-001",
        "Exception has expired",
        Severity.Medium,
        Layer.Security,
        "governance",
        "Renew the exception with a new expiry date and a fresh approval, or fix the finding it covered and remove the entry.");

    public static RuleDescriptor StaleException { get; } = new(
        "SOD-GOV-002",
        "Exception matches no finding",
        Severity.Low,
        Layer.Security,
        "governance",
        "Remove the exception from scanner.yaml: what it excused no longer exists, and a leftover exception would silently excuse a future violation.");
}
