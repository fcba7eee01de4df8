using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>A Kubernetes label selector (matchLabels and matchExpressions, ANDed).</summary>
public sealed record LabelSelector
{
    public ImmutableSortedDictionary<string, string> MatchLabels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public ImmutableArray<LabelSelectorRequirement> MatchExpressions { get; init; } = [];

    /// <summary>True when the selector has no requirement (which selects everything, as in Kubernetes).</summary>
    public bool IsEmpty => MatchLabels.IsEmpty && MatchExpressions.IsEmpty;

    /// <summary>Evaluates the selector exactly as <c>metav1.LabelSelectorAsSelector</c> does.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var (k, v) in MatchLabels)
        {
            if (!labels.TryGetValue(k, out var actual) || !string.Equals(actual, v, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var req in MatchExpressions)
        {
            if (!req.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }
}
