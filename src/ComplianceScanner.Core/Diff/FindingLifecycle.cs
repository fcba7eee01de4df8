using System.Collections.Immutable;
using ComplianceScanner.Core.Findings;

namespace ComplianceScanner.Core.Diff;

/// <summary>
/// Advances the finding history of one cluster by one scan. Pure: the scan's id and time are passed in.
/// </summary>
/// <remarks>
/// An incomplete scan (a kind could not be read, a rule failed) never resolves anything: a finding it does not report
/// may simply not have been looked at. It does record what it saw (new findings, last-seen times).
/// </remarks>
public static class FindingLifecycle
{
    public static LifecycleUpdate Advance(
        IReadOnlyDictionary<string, FindingRecord> previous,
        IEnumerable<ScanFinding> current,
        long scanId,
        DateTimeOffset at,
        bool complete)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var changed = new SortedDictionary<string, FindingRecord>(StringComparer.Ordinal);
        var transitions = ImmutableSortedDictionary.CreateBuilder<string, FindingTransition>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in current)
        {
            if (!seen.Add(finding.Fingerprint))
            {
                continue;
            }

            var state = StateOf(finding.State);
            if (!previous.TryGetValue(finding.Fingerprint, out var record))
            {
                changed[finding.Fingerprint] = new FindingRecord
                {
                    Latest = finding,
                    State = state,
                    FirstSeen = at,
                    LastSeen = at,
                    FirstScanId = scanId,
                    LastScanId = scanId,
                };
                transitions[finding.Fingerprint] = FindingTransition.New;
                continue;
            }

            var (next, transition) = Next(record.State, state);
            changed[finding.Fingerprint] = record with
            {
                Latest = finding,
                State = next,
                LastSeen = at,
                LastScanId = scanId,
                ResolvedAt = null,
                TimesReopened = record.TimesReopened + (transition == FindingTransition.Reopened ? 1 : 0),
            };
            transitions[finding.Fingerprint] = transition;
        }

        if (complete)
        {
            foreach (var (fingerprint, record) in previous)
            {
                if (!seen.Contains(fingerprint) && record.State != FindingLifecycleState.Resolved)
                {
                    changed[fingerprint] = record with { State = FindingLifecycleState.Resolved, ResolvedAt = at };
                    transitions[fingerprint] = FindingTransition.Resolved;
                }
            }
        }

        return new LifecycleUpdate([.. changed.Values], transitions.ToImmutable());
    }

    /// <summary>The lifecycle state a finding's state in one scan starts from.</summary>
    public static FindingLifecycleState StateOf(FindingState state) => state switch
    {
        FindingState.Excepted => FindingLifecycleState.Excepted,
        FindingState.Builtin => FindingLifecycleState.Builtin,
        _ => FindingLifecycleState.Open,
    };

    private static (FindingLifecycleState State, FindingTransition Transition) Next(FindingLifecycleState before, FindingLifecycleState now) =>
        (before, now) switch
        {
            // Back after a fix, or no longer excused: the regression everyone wants to hear about.
            (FindingLifecycleState.Resolved or FindingLifecycleState.Excepted, FindingLifecycleState.Open) => (FindingLifecycleState.Reopened, FindingTransition.Reopened),

            // Still open: a reopened finding stays marked as reopened until it is resolved again.
            (FindingLifecycleState.Open or FindingLifecycleState.Reopened, FindingLifecycleState.Open) => (before, FindingTransition.Unchanged),
            (FindingLifecycleState.Builtin, FindingLifecycleState.Open) => (FindingLifecycleState.Open, FindingTransition.Unchanged),
            (not FindingLifecycleState.Excepted, FindingLifecycleState.Excepted) => (FindingLifecycleState.Excepted, FindingTransition.Excepted),
            (FindingLifecycleState.Resolved, FindingLifecycleState.Builtin) => (FindingLifecycleState.Builtin, FindingTransition.Reopened),
            _ => (now, FindingTransition.Unchanged),
        };
}
