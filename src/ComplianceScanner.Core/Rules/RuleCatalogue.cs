using System.Collections.Immutable;

namespace ComplianceScanner.Core.Rules;

/// <summary>Every rule the scanner knows, in id order. Adding a rule is one line here (plus its class, fixtures and doc page).</summary>
public static class RuleCatalogue
{
    public static ImmutableArray<IRule> All { get; } =
    [
    ];

    /// <summary>Descriptors of all rules, including those the evaluator produces itself.</summary>
    public static ImmutableArray<RuleDescriptor> Descriptors { get; } =
        [.. All.Select(r => r.Descriptor).Append(GovernanceRules.ExpiredException).Append(GovernanceRules.StaleException).OrderBy(d => d.Id, StringComparer.Ordinal)];
}
