using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Diff;

/// <summary>Compares the findings of two scans of one cluster: new, resolved, reopened, newly excepted, unchanged.</summary>
public static class FindingDrift
{
    /// <summary>Compares <paramref name="current"/> with <paramref name="previous"/>.</summary>
    /// <param name="previous">The findings of the earlier scan.</param>
    /// <param name="current">The findings of the later scan.</param>
    /// <param name="seenBeforePrevious">
    /// True for a fingerprint that some scan before the earlier one saw: absent from the earlier scan, it had been
    /// resolved, so seeing it again reopens it instead of making it new.
    /// </param>
    /// <param name="currentComplete">False when the later scan is incomplete: then nothing is reported resolved.</param>
    public static FindingDelta Compare(
        IEnumerable<ScanFinding> previous,
        IEnumerable<ScanFinding> current,
        Func<string, bool> seenBeforePrevious,
        bool currentComplete)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(seenBeforePrevious);
        var before = new Dictionary<string, ScanFinding>(StringComparer.Ordinal);
        foreach (var f in previous)
        {
            before.TryAdd(f.Fingerprint, f);
        }

        var added = new List<ScanFinding>();
        var reopened = new List<ScanFinding>();
        var excepted = new List<ScanFinding>();
        var resolved = new List<ScanFinding>();
        var unchanged = 0;
        var transitions = ImmutableSortedDictionary.CreateBuilder<string, FindingTransition>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in current)
        {
            if (!seen.Add(f.Fingerprint))
            {
                continue;
            }

            var transition = Transition(before.GetValueOrDefault(f.Fingerprint), f, seenBeforePrevious);
            transitions[f.Fingerprint] = transition;
            switch (transition)
            {
                case FindingTransition.New:
                    added.Add(f);
                    break;
                case FindingTransition.Reopened:
                    reopened.Add(f);
                    break;
                case FindingTransition.Excepted:
                    excepted.Add(f);
                    break;
                default:
                    unchanged++;
                    break;
            }
        }

        if (currentComplete)
        {
            foreach (var (fingerprint, f) in before)
            {
                if (!seen.Contains(fingerprint))
                {
                    resolved.Add(f);
                    transitions[fingerprint] = FindingTransition.Resolved;
                }
            }
        }

        return new FindingDelta
        {
            New = Sorted(added),
            Resolved = Sorted(resolved),
            Reopened = Sorted(reopened),
            Excepted = Sorted(excepted),
            Unchanged = unchanged,
            Transitions = transitions.ToImmutable(),
        };
    }

    private static FindingTransition Transition(ScanFinding? before, ScanFinding now, Func<string, bool> seenBeforePrevious)
    {
        if (before is null)
        {
            if (!seenBeforePrevious(now.Fingerprint))
            {
                return FindingTransition.New;
            }

            return now.State == FindingState.Excepted ? FindingTransition.Excepted : FindingTransition.Reopened;
        }

        return (before.State, now.State) switch
        {
            (FindingState.Excepted, FindingState.Open) => FindingTransition.Reopened,
            (FindingState.Open, FindingState.Excepted) => FindingTransition.Excepted,
            _ => FindingTransition.Unchanged,
        };
    }

    /// <summary>Severity (worst first), rule, object, subject, key: the report's finding order.</summary>
    public static ImmutableArray<ScanFinding> Sorted(IEnumerable<ScanFinding> findings) =>
        [.. findings.OrderByDescending(f => f.Severity)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Object)
            .ThenBy(f => f.Subject)
            .ThenBy(f => f.Key, StringComparer.Ordinal)];
}
