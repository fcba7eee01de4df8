using System.Collections.Immutable;

namespace ComplianceScanner.Core.Model;

/// <summary>An RBAC PolicyRule. Lists are never default: absent lists are empty.</summary>
public sealed record PolicyRule
{
    public ImmutableArray<string> Verbs { get; init; } = [];

    public ImmutableArray<string> ApiGroups { get; init; } = [];

    public ImmutableArray<string> Resources { get; init; } = [];

    public ImmutableArray<string> ResourceNames { get; init; } = [];

    public ImmutableArray<string> NonResourceUrls { get; init; } = [];

    /// <summary>Compact kubectl-like form used in evidence: <c>verbs=[get list] groups=[""] resources=[secrets]</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string> { $"verbs=[{string.Join(' ', Verbs)}]" };
        if (!NonResourceUrls.IsEmpty)
        {
            parts.Add($"nonResourceURLs=[{string.Join(' ', NonResourceUrls)}]");
        }

        if (!Resources.IsEmpty || !ApiGroups.IsEmpty)
        {
            parts.Add($"apiGroups=[{string.Join(' ', ApiGroups.Select(g => g.Length == 0 ? "\"\"" : g))}]");
            parts.Add($"resources=[{string.Join(' ', Resources)}]");
        }

        if (!ResourceNames.IsEmpty)
        {
            parts.Add($"resourceNames=[{string.Join(' ', ResourceNames)}]");
        }

        return string.Join(' ', parts);
    }

    public bool Equals(PolicyRule? other) =>
        other is not null
        && Verbs.SequenceEqual(other.Verbs)
        && ApiGroups.SequenceEqual(other.ApiGroups)
        && Resources.SequenceEqual(other.Resources)
        && ResourceNames.SequenceEqual(other.ResourceNames)
        && NonResourceUrls.SequenceEqual(other.NonResourceUrls);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var list in new[] { Verbs, ApiGroups, Resources, ResourceNames, NonResourceUrls })
        {
            h.Add(list.Length);
            foreach (var s in list)
            {
                h.Add(s, StringComparer.Ordinal);
            }
        }

        return h.ToHashCode();
    }
}
