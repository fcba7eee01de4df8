using System.Diagnostics.CodeAnalysis;

namespace ComplianceScanner.Core.Findings;

/// <summary>Lower-case names of severities as they appear in scanner.yaml, the CLI and reports.</summary>
public static class SeverityNames
{
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "unknown severity"),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out Severity? severity)
    {
        severity = text?.Trim().ToLowerInvariant() switch
        {
            "info" => Severity.Info,
            "low" => Severity.Low,
            "medium" => Severity.Medium,
            "high" => Severity.High,
            "critical" => Severity.Critical,
            _ => null,
        };
        return severity is not null;
    }

    public const string Allowed = "info, low, medium, high, critical";
}
