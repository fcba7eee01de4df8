using ComplianceScanner.Core.Diff;
using ComplianceScanner.Core.Findings;
using static ComplianceScanner.Core.Tests.Diff.DiffSamples;

namespace ComplianceScanner.Core.Tests.Diff;

public sealed class FindingLifecycleTests
{
    private static Dictionary<string, FindingRecord> Apply(Dictionary<string, FindingRecord> records, LifecycleUpdate update)
    {
        var next = new Dictionary<string, FindingRecord>(records, StringComparer.Ordinal);
        foreach (var r in update.Records)
        {
            next[r.Fingerprint] = r;
        }

        return next;
    }

    [Fact]
    public void New_finding_starts_open_with_first_and_last_seen_at_the_scan()
    {
        var update = FindingLifecycle.Advance(new Dictionary<string, FindingRecord>(), [Finding("a")], 1, T1, complete: true);

        var record = Assert.Single(update.Records);
        Assert.Equal(FindingLifecycleState.Open, record.State);
        Assert.Equal(T1, record.FirstSeen);
        Assert.Equal(T1, record.LastSeen);
        Assert.Equal(1, record.FirstScanId);
        Assert.Equal(FindingTransition.New, update.Transitions["fp-a"]);
    }

    [Fact]
    public void Open_resolved_reopened_keeps_first_seen_and_counts_the_reopening()
    {
        var records = Apply([], FindingLifecycle.Advance(new Dictionary<string, FindingRecord>(), [Finding("a")], 1, T1, true));
        var resolved = FindingLifecycle.Advance(records, [], 2, T1.AddDays(1), true);
        records = Apply(records, resolved);
        var reopened = FindingLifecycle.Advance(records, [Finding("a")], 3, T1.AddDays(2), true);

        Assert.Equal(FindingTransition.Resolved, resolved.Transitions["fp-a"]);
        Assert.Equal(T1.AddDays(1), records["fp-a"].ResolvedAt);
        Assert.Equal(FindingLifecycleState.Resolved, records["fp-a"].State);
        var record = Assert.Single(reopened.Records);
        Assert.Equal(FindingLifecycleState.Reopened, record.State);
        Assert.Equal(FindingTransition.Reopened, reopened.Transitions["fp-a"]);
        Assert.Equal(T1, record.FirstSeen);
        Assert.Equal(T1.AddDays(2), record.LastSeen);
        Assert.Null(record.ResolvedAt);
        Assert.Equal(1, record.TimesReopened);
        Assert.Equal(3, record.LastScanId);
    }

    [Fact]
    public void Excepted_finding_whose_exception_lapses_is_reopened()
    {
        var records = Apply([], FindingLifecycle.Advance(new Dictionary<string, FindingRecord>(), [Finding("a", FindingState.Excepted)], 1, T1, true));

        var update = FindingLifecycle.Advance(records, [Finding("a")], 2, T1.AddDays(1), true);

        Assert.Equal(FindingLifecycleState.Excepted, records["fp-a"].State);
        Assert.Equal(FindingLifecycleState.Reopened, update.Records[0].State);
        Assert.Equal(FindingTransition.Reopened, update.Transitions["fp-a"]);
    }

    [Fact]
    public void Open_finding_covered_by_a_new_exception_becomes_excepted()
    {
        var records = Apply([], FindingLifecycle.Advance(new Dictionary<string, FindingRecord>(), [Finding("a")], 1, T1, true));

        var update = FindingLifecycle.Advance(records, [Finding("a", FindingState.Excepted)], 2, T1.AddDays(1), true);

        Assert.Equal(FindingLifecycleState.Excepted, update.Records[0].State);
        Assert.Equal(FindingTransition.Excepted, update.Transitions["fp-a"]);
    }

    [Fact]
    public void Incomplete_scan_records_what_it_saw_but_resolves_nothing()
    {
        var records = Apply([], FindingLifecycle.Advance(new Dictionary<string, FindingRecord>(), [Finding("a"), Finding("b")], 1, T1, true));

        var update = FindingLifecycle.Advance(records, [Finding("b"), Finding("c")], 2, T1.AddDays(1), complete: false);

        Assert.Equal(["fp-b", "fp-c"], update.Records.Select(r => r.Fingerprint));
        Assert.False(update.Transitions.ContainsKey("fp-a"));
        Assert.Equal(FindingTransition.New, update.Transitions["fp-c"]);
    }

    [Fact]
    public void Reopened_finding_stays_reopened_while_open_and_resolved_ones_stay_resolved()
    {
        var records = Apply([], FindingLifecycle.Advance(new Dictionary<string, FindingRecord>(), [Finding("a"), Finding("b")], 1, T1, true));
        records = Apply(records, FindingLifecycle.Advance(records, [Finding("b")], 2, T1.AddDays(1), true));
        records = Apply(records, FindingLifecycle.Advance(records, [Finding("a")], 3, T1.AddDays(2), true));

        var update = FindingLifecycle.Advance(records, [Finding("a")], 4, T1.AddDays(3), true);

        Assert.Equal(FindingLifecycleState.Reopened, Assert.Single(update.Records).State);
        Assert.Equal(FindingTransition.Unchanged, update.Transitions["fp-a"]);
        Assert.Equal(FindingLifecycleState.Resolved, records["fp-b"].State);
        Assert.Equal(T1.AddDays(2), records["fp-b"].ResolvedAt);
    }
}
