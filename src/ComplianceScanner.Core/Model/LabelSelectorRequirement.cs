using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>One matchExpressions entry: key, operator (In, NotIn, Exists, DoesNotExist) and values.</summary>
public sealed record LabelSelectorRequirement(string Key, string Operator, ImmutableArray<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            "In" => has && Values.Contains(value!, StringComparer.Ordinal),
            "NotIn" => !has || !Values.Contains(value!, StringComparer.Ordinal),
            "Exists" => has,
            "DoesNotExist" => !has,
            // An unknown operator makes the selector invalid; Kubernetes then selects nothing.
            _ => false,
        };
    }
}
