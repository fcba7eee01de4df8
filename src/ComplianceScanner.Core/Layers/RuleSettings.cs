using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Layers;

/// <summary>The <c>rules:</c> section: rules switched off and severities changed. Rule logic stays code.</summary>
public sealed record RuleSettings
{
    public static RuleSettings Default { get; } = new();

    public ImmutableHashSet<string> Disabled { get; init; } = ImmutableHashSet<string>.Empty;

    public ImmutableSortedDictionary<string, Severity> SeverityOverrides { get; init; } = ImmutableSortedDictionary<string, Severity>.Empty;
}
